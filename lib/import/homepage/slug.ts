// A service id (slug) from a display name: lower-case ASCII, "-" between words, at most 63 characters.
import { SLUG } from "@/lib/commands/patterns";

export function slugify(name: string): string | null {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 63)
    .replace(/[^a-z0-9]+$/, "");
  return SLUG.test(s) ? s : null;
}
