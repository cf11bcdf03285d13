// A scheduled flake check's finding ("frame1: 2 inputs have updates") as one event. The key holds
// each changed input's new revision, so the same updates found again by the next check are not
// sent again, and a newer revision of any input is.
import type { NotifyInput } from "./types";

/** What the flake checker reports (lib/machine/flake-events.ts), as far as a message needs it. */
export type FlakeUpdatesLike = {
  machine: string;
  jobId: number;
  changes: { input: string; kind: string; oldRev: string | null; newRev: string | null }[];
};

const rev = (r: string | null) => (r ? r.slice(0, 7) : "none");

export function flakeUpdatesEvent(e: FlakeUpdatesLike): NotifyInput | null {
  const changed = e.changes.filter((c) => c.kind !== "unchanged");
  if (changed.length === 0) return null;
  const revs = changed
    .map((c) => `${c.input}@${c.newRev ?? "-"}`)
    .sort()
    .join(",");
  const n = changed.length;
  return {
    kind: "flake-updates",
    key: `flake-updates:${e.machine}:${revs}`,
    subject: `machine:${e.machine}`,
    title: `${e.machine}: ${n} flake input${n === 1 ? " has" : "s have"} updates`,
    message: `${changed.map((c) => `${c.input} ${c.kind === "updated" ? `${rev(c.oldRev)} → ${rev(c.newRev)}` : c.kind}`).join("; ")} (check job #${e.jobId}; open the machine page to preview and deploy).`,
    severity: "info",
  };
}
