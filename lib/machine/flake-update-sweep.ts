import "server-only";
// Older input-update previews of a machine that nobody accepted or cancelled are cancelled when a
// newer preview exists ("superseded by #N"): the machine page only offers the newest, so their
// scratch copies on the build host would otherwise stay there until a reboot.
import type { EventEmitter } from "node:events";
import type { JobEvents } from "../jobs/runner";
import { readFlakeUpdateResult } from "../wire/flake-update";
import { cancelFlakeUpdate, flakeUpdateDeps, type FlakeUpdateDeps } from "./flake-update";

/** Cancels the undecided previews of `machine` older than job `newestId`; returns their ids. */
export async function supersedeOlderPreviews(
  machine: string,
  newestId: number,
  deps: FlakeUpdateDeps = flakeUpdateDeps(),
): Promise<number[]> {
  const older = await deps.db.job.findMany({
    where: { machine: { name: machine }, kind: "flake-update", status: "succeeded", id: { lt: newestId } },
    select: { id: true, result: true },
    orderBy: { id: "desc" },
    take: 50,
  });
  const cancelled: number[] = [];
  for (const job of older) {
    const r = readFlakeUpdateResult(job.result);
    if (!r?.scratch || r.decision) continue;
    try {
      await cancelFlakeUpdate(job.id, `panel (superseded by #${newestId})`, deps);
      cancelled.push(job.id);
    } catch {
      // decided meanwhile by someone, or the build host is unreachable: the next sweep tries again
    }
  }
  return cancelled;
}

/** After every input update that left a preview, sweeps the machine's older ones. */
export function sweepSupersededPreviews(runner: EventEmitter<JobEvents>, log: (m: string) => void): () => void {
  const onJob = ({ id, machine, kind, status }: JobEvents["job"][0]) => {
    if (kind !== "flake-update" || status !== "succeeded") return;
    supersedeOlderPreviews(machine, id)
      .then(
        (ids) =>
          ids.length &&
          log(`input updates ${ids.map((i) => `#${i}`).join(", ")} of ${machine}: superseded by #${id}, scratch copies removed`),
      )
      .catch((err: unknown) => log(`sweeping older input updates of ${machine}: ${err instanceof Error ? err.message : String(err)}`));
  };
  runner.on("job", onJob);
  return () => void runner.off("job", onJob);
}
