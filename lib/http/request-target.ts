// Total checks of the request line before Next parses it: a path whose percent-encoding is
// malformed (e.g. /machines/%E0%A4%A) would make Next's route-parameter decoding throw (500).
import { safeDecode } from "../auth/context";

const MAX_TARGET = 8192;

/** Why the request target is unusable, or null when it is fine. */
export function badRequestTarget(url: string | undefined): string | null {
  if (typeof url !== "string" || !url.startsWith("/")) return "The request path must start with /.";
  if (url.length > MAX_TARGET) return "The request path is too long.";
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  for (const segment of path.split("/")) {
    if (!segment.includes("%")) continue;
    const decoded = safeDecode(segment);
    if (decoded === null) return "The request path has malformed percent-encoding.";
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    if (/[\u0000-\u001f]/.test(decoded)) return "The request path has control characters.";
  }
  return null;
}
