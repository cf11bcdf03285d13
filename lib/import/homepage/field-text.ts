// A Homepage field as text. Only scalars are text: a map or list (e.g. an unquoted `{a: b}`) is
// never turned into "[object Object]".
import { httpUrl } from "@/lib/validation/fields";

export function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return undefined;
}

/** One line, single spaces. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** An http(s) URL with a host the inventory's forms accept (not sftp://, smb://, or https://x.<yourdomain>). */
export function isHttpUrl(value: string): boolean {
  return httpUrl("Link").safeParse(value).success;
}

/** For messages: at most 120 characters of a value. */
export function shown(value: unknown): string {
  const s = scalarText(value) ?? (Array.isArray(value) ? "a list" : value && typeof value === "object" ? "a map" : String(value));
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}
