// What a job records of the flake checkout it builds from: HEAD's commit and subject, whether
// tracked files had uncommitted changes, and the sha256 of the flake.lock it used. Pure: the job step (lib/jobs/job-steps.ts) reads the state.
import { commitLabel, type CheckoutState } from "./checkout-state";

export type JobCommit = { commit: string | null; commitSubject: string | null; dirty: boolean | null; lockHash: string | null };

export const NO_COMMIT: JobCommit = { commit: null, commitSubject: null, dirty: null, lockHash: null };

export function jobCommitOf(s: CheckoutState): JobCommit {
  return { commit: s.head?.hash ?? null, commitSubject: s.head?.subject.slice(0, 500) ?? null, dirty: s.dirty, lockHash: s.lockHash };
}

/** The job log's line: "flake checkout: main at a1b2c3d 'grafana: bump', 2 files changed (flake.nix, ...)". */
export function checkoutLogLine(s: CheckoutState): string {
  const where = s.branch ? `${s.branch} at` : "detached HEAD at";
  const head = s.head ? commitLabel(s.head) : "no commit yet";
  const files = s.changes.map((c) => c.path);
  const shown = files.slice(0, 5).join(", ") + (files.length > 5 ? ", …" : "");
  const tree = s.dirty ? `uncommitted changes in ${files.length} file${files.length === 1 ? "" : "s"} (${shown})` : "clean";
  const lock = s.lockHash ? `, flake.lock sha256 ${s.lockHash.slice(0, 12)}` : "";
  return `flake checkout: ${where} ${head}, ${tree}${lock}`;
}
