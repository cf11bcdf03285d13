import { ValidationError } from "@/lib/errors";

/** Refused input for a remote command. `fields` names the offending field and the rule it broke. */
export class CommandInputError extends ValidationError {
  constructor(
    public readonly field: string,
    public readonly rule: string,
    value?: unknown,
  ) {
    super(`${field} ${rule}${value === undefined ? "" : ` (got ${preview(value)})`}`, { [field]: rule });
  }
}

/** A short, printable-ASCII preview of a refused value, so logs never carry raw hostile bytes. */
export function preview(value: unknown): string {
  if (typeof value !== "string") return value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
  const cut = value.length > 40 ? `${value.slice(0, 40)}... (${value.length} chars)` : value;
  return `"${cut.replace(/[^\x20-\x7e]|["\\]/gu, (c) => (c === '"' || c === "\\" ? `\\${c}` : `\\u{${c.codePointAt(0)!.toString(16)}}`))}"`;
}
