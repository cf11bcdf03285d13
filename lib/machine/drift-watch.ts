import "server-only";
// Drift found without anyone opening a machine page: every DRIFT_CHECK_MS, each machine the panel
// has deployed or rolled back has its running system read over SSH and compared as the machine
// page does; what differs goes to `report` (notifications send it once per machine, system and
// last change). Machines the panel never changed are not contacted.
import { db } from "../db/client";
import { changeHistory } from "./change-history";
import { driftOf, type Drift } from "./drift";
import { readRunningSystem } from "./live-status";
import type { SshPool } from "../ssh/pool";

export type DriftReading = { machine: string; current: string | null; drift: Drift };

/** The drift of one machine now, or null when the panel has not changed it (nothing to compare). */
export async function readDrift(machine: string, pool?: SshPool): Promise<DriftReading | null> {
  const h = await changeHistory(machine);
  if (!h.lastChange?.newSystem) return null;
  const current = await readRunningSystem(machine, pool);
  return { machine, current, drift: driftOf(current, h.lastChange, h.earlierSystems) };
}

/** Reads every deployable machine once, one after another; a machine that fails is skipped. */
export async function checkAllDrift(report: (r: DriftReading) => void, log: (m: string) => void, pool?: SshPool): Promise<number> {
  const machines = await db().machine.findMany({ where: { deployable: true }, select: { name: true }, orderBy: { name: "asc" } });
  let read = 0;
  for (const { name } of machines) {
    try {
      const r = await readDrift(name, pool);
      if (!r) continue;
      read++;
      report(r);
    } catch (err) {
      log(`drift check of ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return read;
}

/** Checks every `intervalMs` (0: never); returns the function that stops it. */
export function startDriftWatch(intervalMs: number, report: (r: DriftReading) => void, log: (m: string) => void): () => void {
  if (intervalMs <= 0) return () => {};
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    void checkAllDrift(report, log)
      .catch((err: unknown) => log(`drift check: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => (running = false));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
