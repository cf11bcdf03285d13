// Turning form submissions into plain objects and zod issues into per-field messages.
import type { z } from "zod";
import type { FieldErrors } from "../errors";

/** Form fields as strings; anything that is not a FormData (a forged call) gives no fields. */
export function formToObject(form: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(form instanceof FormData)) return out;
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !key.startsWith("$")) out[key] = value;
  }
  return out;
}

export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_form";
    fields[key] ??= issue.message;
  }
  return fields;
}
