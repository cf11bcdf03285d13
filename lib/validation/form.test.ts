import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors, formToObject } from "./form";

describe("formToObject", () => {
  it("keeps string fields and drops files and $-prefixed framework fields", () => {
    const form = new FormData();
    form.append("name", "frame1");
    form.append("sshPort", "22");
    form.append("$ACTION_ID_abc", "");
    form.append("upload", new File(["x"], "x.txt"));
    expect(formToObject(form)).toEqual({ name: "frame1", sshPort: "22" });
  });

  it("keeps the last value of a repeated key", () => {
    const form = new FormData();
    form.append("role", "testing");
    form.append("role", "production");
    expect(formToObject(form)).toEqual({ role: "production" });
  });
});

describe("fieldErrors", () => {
  const schema = z
    .object({ name: z.string().min(1, "Name is required.").max(3, "Too long."), port: z.number({ message: "Port must be a number." }) })
    .refine((v) => v.name !== "bad", { message: "Whole form is wrong." });

  it("maps each field to its first message", () => {
    const r = schema.safeParse({ name: "", port: "x" });
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!)).toEqual({ name: "Name is required.", port: "Port must be a number." });
  });

  it("puts issues without a path under _form", () => {
    const r = schema.safeParse({ name: "bad", port: 1 });
    expect(fieldErrors(r.error!)).toEqual({ _form: "Whole form is wrong." });
  });

  it("uses the top-level key of nested paths", () => {
    const nested = z.object({ ports: z.array(z.number({ message: "Not a number." })) });
    const r = nested.safeParse({ ports: [1, "x"] });
    expect(fieldErrors(r.error!)).toEqual({ ports: "Not a number." });
  });
});
