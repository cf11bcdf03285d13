// `nix path-info --json <paths>` as nix 2.8 prints it (fixtures: lib/nix/fixtures/path-info-*.json):
// an array of { path, narHash, narSize, references, deriver?, registrationTime, ultimate?, ... },
// or { path, valid: false } for a path the store does not hold. `"ultimate": true` marks a path
// this store built (or added) itself; a path copied in from another store (nix copy, a
// substituter) has no `ultimate` key at all (nix 2.8 leaves it out rather than printing false).
import { z } from "zod";
import { noteUnrecognised, noUnrecognised, type Unrecognised } from "../parse/unrecognised";

/** built-here: this machine's nix built it; copied: it came from another store; missing: not in the store. */
export type PathOrigin = "built-here" | "copied" | "missing";

const STORE_PATH = /^\/nix\/store\/[0-9a-z]{32}-[^/\s]+$/;
const missing = z.object({ path: z.string().regex(STORE_PATH), valid: z.literal(false) });
const present = z.object({ path: z.string().regex(STORE_PATH), narHash: z.string(), ultimate: z.boolean().optional() });

export type PathInfo = { origins: Record<string, PathOrigin>; unrecognised: Unrecognised };

/** Never throws: anything that is not the expected shape is counted as unrecognised. */
export function parsePathInfo(stdout: string): PathInfo {
  const origins: Record<string, PathOrigin> = {};
  const unrecognised = noUnrecognised();
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    if (stdout.trim()) noteUnrecognised(unrecognised, stdout.trim());
    return { origins, unrecognised };
  }
  if (!Array.isArray(json)) {
    noteUnrecognised(unrecognised, stdout.trim());
    return { origins, unrecognised };
  }
  for (const item of json) {
    const gone = missing.safeParse(item);
    if (gone.success) {
      origins[gone.data.path] = "missing";
      continue;
    }
    const p = present.safeParse(item);
    if (p.success) origins[p.data.path] = p.data.ultimate === true ? "built-here" : "copied";
    else noteUnrecognised(unrecognised, JSON.stringify(item) ?? String(item));
  }
  return { origins, unrecognised };
}
