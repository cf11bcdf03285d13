// What a promote job carries in its arguments (Job.args.promote), said once for the runner, the
// machine page and the job page: the test machine's deploy it took its revision from, the exact
// commit and flake.lock sha256 it must deploy, and whether an admin overrode a failed test.
import { z } from "zod";

export const COMMIT_HASH = /^[0-9a-f]{40}$/;
export const LOCK_HASH = /^[0-9a-f]{64}$/;

export const promoteArgs = z.strictObject({
  /** The test machine's deploy job (null: an override of a revision never deployed there). */
  from: z.number().int().min(1).max(2_147_483_647).nullable(),
  fromMachine: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/),
  commit: z.string().regex(COMMIT_HASH),
  commitSubject: z.string().max(500).nullable(),
  /** The flake.lock sha256 the test deploy recorded; the scratch copy's must equal it (null: nothing recorded). */
  lockHash: z.string().regex(LOCK_HASH).nullable(),
  /** An admin promoted a revision that had not passed on the test machine. */
  override: z.boolean(),
});

export type PromoteArgs = z.infer<typeof promoteArgs>;

/** The promote part of a job's arguments, or null (a plain deploy, or arguments that do not parse). */
export function promoteOf(args: unknown): PromoteArgs | null {
  if (typeof args !== "object" || args === null || !("promote" in args)) return null;
  const p = promoteArgs.safeParse((args as { promote: unknown }).promote);
  return p.success ? p.data : null;
}

/** "promoted from frame2's deploy #12" (or "promoted by override, never deployed on frame2"). */
export function promotedFromText(p: PromoteArgs): string {
  const from = p.from === null ? `by override, never deployed on ${p.fromMachine}` : `from ${p.fromMachine}'s deploy #${p.from}`;
  return `promoted ${from}${p.override && p.from !== null ? " (admin override)" : ""}`;
}

/** What a promote request answers (the machine page's card shows it). */
export type PromoteReply =
  | { ok: true; jobId: number; text: string }
  | { ok: false; message: string; /** An admin's override would allow it. */ overridable: boolean };

/** What the card sends: the revision of a test deploy (`from`) or a commit, and an admin's override with its reason. */
export type PromoteInput = { from?: number; commit?: string; override: boolean; reason: string };
