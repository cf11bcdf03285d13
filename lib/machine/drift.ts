// Does the running system match what the panel last put there? Compares /run/current-system with
// the newSystem of the last successful deploy or rollback the panel made.

export type ChangeJob = { id: number; kind: string; newSystem: string | null; oldSystem: string | null; finishedAt: Date | string | null };
export type Drift =
  | { state: "unknown"; text: string }
  | { state: "none"; text: string }
  | { state: "matches"; text: string; jobId: number }
  | { state: "rolled-back"; text: string; jobId: number }
  | { state: "outside"; text: string; jobId: number };

/**
 * @param current the running system's path (null when the machine could not be read)
 * @param last the newest succeeded deploy/rollback of this machine
 * @param earlier systems the panel ran on this machine before `last` (old and new systems of older changes)
 */
export function driftOf(current: string | null, last: ChangeJob | null, earlier: string[]): Drift {
  if (current === null) return { state: "unknown", text: "unknown: the machine could not be read" };
  if (!last || !last.newSystem) return { state: "none", text: "the panel has not deployed this machine yet" };
  const what = last.kind === "rollback" ? "rollback" : "deploy";
  if (current === last.newSystem)
    return { state: "matches", text: `in sync: runs what the last ${what} (#${last.id}) left`, jobId: last.id };
  if (current === last.oldSystem || earlier.includes(current)) {
    return {
      state: "rolled-back",
      text: `rolled back outside the panel: runs an earlier system than the last ${what} (#${last.id})`,
      jobId: last.id,
    };
  }
  return { state: "outside", text: `changed outside the panel since the last ${what} (#${last.id})`, jobId: last.id };
}
