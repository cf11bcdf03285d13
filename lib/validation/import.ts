// Inputs of the two inventory imports (UI actions and CLI).
import { z } from "zod";
import { machineName } from "./machine";
import { FLAKE_ATTR } from "./patterns";
import { flakeDir as checkFlakeDir } from "../commands/names";
import type { FieldErrors } from "../errors";

export const IMPORT_MODES = ["preview", "apply"] as const;
export const MAX_IMPORT_CHARS = 1_000_000;

export const homepageImportInput = z.object({
  mode: z.enum(IMPORT_MODES, { message: "Choose preview or apply." }),
  kind: z.enum(["services", "bookmarks"], { message: "Choose services.yaml or bookmarks.yaml." }),
  text: z
    .string({ message: "Paste the configuration or choose a file." })
    .max(MAX_IMPORT_CHARS, `The configuration must be at most ${MAX_IMPORT_CHARS} characters.`)
    .refine((t) => t.trim() !== "", "Paste the configuration or choose a file."),
});
export type HomepageImportInput = z.infer<typeof homepageImportInput>;

const isPath = (v: string) => {
  try {
    checkFlakeDir(v);
    return true;
  } catch {
    return false;
  }
};

export const flakeImportInput = z.object({
  mode: z.enum(IMPORT_MODES, { message: "Choose preview or apply." }),
  machine: machineName,
  flakeDir: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(1024).refine(isPath, "Use an absolute path of letters, digits, '.', '_', '/' or '-'.").nullable(),
  ).default(null),
});
export type FlakeImportInput = z.infer<typeof flakeImportInput>;

/** Where to read services.homepage-dashboard from: a machine of the inventory evaluates its flake. */
export const homepageFlakeInput = z.object({
  machine: machineName,
  attr: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().regex(FLAKE_ATTR, "Use a Nix attribute name such as frame1.").nullable(),
  ).default(null),
  flakeDir: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(1024).refine(isPath, "Use an absolute path of letters, digits, '.', '_', '/' or '-'.").nullable(),
  ).default(null),
});
export type HomepageFlakeInput = z.infer<typeof homepageFlakeInput>;

/** What an import form gets back from its server action. */
export type ImportState = {
  mode?: (typeof IMPORT_MODES)[number];
  plan?: import("../import/types").ImportPlan;
  message?: string;
  /** Line of a syntax error in the pasted text. */
  line?: number | null;
  fields?: FieldErrors;
};
