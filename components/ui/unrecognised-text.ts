// The words for output a parser did not recognise, the same on every page that shows parsed output.
import type { Unrecognised } from "@/lib/parse/unrecognised";

/** "3 lines of nix-env's output were not recognised", or null when everything was read. */
export function unrecognisedText(u: Unrecognised | null | undefined, source: string): string | null {
  if (!u || u.count <= 0) return null;
  return `${u.count.toLocaleString("en")} ${u.count === 1 ? "line" : "lines"} of ${source} ${u.count === 1 ? "was" : "were"} not recognised`;
}
