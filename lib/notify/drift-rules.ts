// Drift found: the machine runs something the panel did not leave there. One event per machine,
// running system and last change (seeing the same drift again sends nothing).
import type { NotifyInput } from "./types";

type DriftLike = { state: string; text: string; jobId?: number };

export function driftEvent(machine: string, current: string | null, drift: DriftLike): NotifyInput | null {
  if (current === null || (drift.state !== "outside" && drift.state !== "rolled-back")) return null;
  return {
    kind: "drift",
    key: `drift:${machine}:${current}:${drift.jobId ?? 0}`,
    subject: `machine:${machine}`,
    title: `Drift on ${machine}`,
    message: `${machine}: ${drift.text}; it runs ${current}`,
  };
}
