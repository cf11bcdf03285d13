// Reusable zod fields for forms: empty strings from HTML forms become null where optional.
import { z } from "zod";
import { ONE_LINE } from "../commands/patterns";

export const text = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be at most ${max} characters.`).regex(ONE_LINE, `${label} must be a single line of text.`);

export const requiredText = (max: number, label: string) => text(max, label).min(1, `${label} is required.`);

export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), schema.nullable());

export const httpUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(2000, `${label} is too long.`)
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
      } catch {
        return false;
      }
    }, `${label} must be an http:// or https:// URL.`);

export const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
