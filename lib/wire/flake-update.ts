// What an "Update inputs" job (kind flake-update) records as its result, and what became of it:
// read back with zod (a row written by an older panel, or edited, reads as null, never throws).
import { z } from "zod";
import type { InputChange } from "../git/lock-diff";
import type { ClosureDiff } from "../nix/diff-closures";

export type FlakeDecision = {
  kind: "accepted" | "cancelled";
  by: string;
  at: string;
  commit: string | null;
  deployJob: number | null;
  note: string;
};

export type FlakeUpdateResult = {
  /** The scratch copy on the build host; null once removed (or never made). */
  scratch: string | null;
  /** HEAD of the checkout the update started from. */
  base: string;
  inputs: string[];
  oldSha: string;
  newSha: string;
  changes: InputChange[];
  updated: number;
  outPath: string | null;
  currentSystem: string | null;
  closure: ClosureDiff | null;
  closureError: string | null;
  decision: FlakeDecision | null;
  /** A scheduled check: the lock difference only, nothing built or kept. */
  checkOnly: boolean;
};

const str = z.string().max(4000);
const nstr = str.nullable();
const change = z.object({
  input: str,
  kind: z.enum(["updated", "added", "removed", "unchanged"]),
  oldType: nstr,
  newType: nstr,
  oldRev: nstr,
  newRev: nstr,
  oldDate: nstr,
  newDate: nstr,
  oldFollows: nstr,
  newFollows: nstr,
  narHashChanged: z.boolean(),
  compareUrl: nstr,
  source: nstr,
});
const closureChange = z.object({
  name: str,
  kind: z.enum(["added", "removed", "changed", "resized"]),
  from: z.array(str).nullable(),
  to: z.array(str).nullable(),
  sizeDeltaBytes: z.number(),
});
const closure = z.object({
  changes: z.array(closureChange).max(100_000),
  added: z.number(),
  removed: z.number(),
  changed: z.number(),
  totalDeltaBytes: z.number(),
  unrecognised: z.object({ count: z.number(), sample: z.array(str) }),
});
const decision = z.object({
  kind: z.enum(["accepted", "cancelled"]),
  by: str,
  at: str,
  commit: nstr,
  deployJob: z.number().int().nullable(),
  note: str,
});
export const flakeUpdateResultSchema = z.object({
  scratch: nstr,
  base: str,
  inputs: z.array(str).max(100),
  oldSha: str,
  newSha: str,
  changes: z.array(change).max(5000),
  updated: z.number().int(),
  outPath: nstr,
  currentSystem: nstr,
  closure: closure.nullable(),
  closureError: nstr,
  decision: decision.nullable(),
  checkOnly: z.boolean().default(false),
}) satisfies z.ZodType<FlakeUpdateResult>;

/** The result of a flake-update job row (its `result` JSON text); null when it is not one. */
export function readFlakeUpdateResult(text: string): FlakeUpdateResult | null {
  try {
    const r = flakeUpdateResultSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
