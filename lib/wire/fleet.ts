// A fleet run as browsers get it, and its status and summary decided from its children (one
// ordinary deploy job per machine). Pure: the fleet page computes the same summary live from the
// job events it receives that the server stores when the last child ends.
import { isFinished } from "./job-kinds";
import type { MachineBusy, WireJob } from "./job";

export const FLEET_STATUSES = ["running", "succeeded", "failed", "cancelled"] as const;
export type FleetStatus = (typeof FLEET_STATUSES)[number];

/** What the summary needs of a child: its machine and status. */
export type FleetChild = { machine: string; status: string };

export type FleetSummary = {
  status: FleetStatus;
  /** "2 succeeded, 1 rolled back" (in a fixed order, only the non-zero counts). */
  text: string;
  counts: Record<string, number>;
  /** Machines whose deploy did not succeed (and did not get cancelled), by name. */
  problems: string[];
};

const ORDER: [status: string, words: string][] = [
  ["succeeded", "succeeded"],
  ["rolled-back", "rolled back"],
  ["failed", "failed"],
  ["interrupted", "interrupted"],
  ["cancelled", "cancelled"],
  ["running", "running"],
  ["queued", "queued"],
];

/**
 * running while any child is not final; then succeeded (every child succeeded), cancelled (every
 * child was cancelled before it started) or failed (anything else: one machine's failure is the
 * fleet's failure, but never changes what the other children report).
 */
export function fleetSummary(children: readonly FleetChild[]): FleetSummary {
  const counts: Record<string, number> = {};
  for (const c of children) counts[c.status] = (counts[c.status] ?? 0) + 1;
  const known = new Set(ORDER.map(([s]) => s));
  const parts = ORDER.filter(([s]) => counts[s]).map(([s, words]) => `${counts[s]} ${words}`);
  for (const [s, n] of Object.entries(counts)) if (!known.has(s)) parts.push(`${n} ${s}`);
  const problems = children
    .filter((c) => isFinished(c.status) && c.status !== "succeeded" && c.status !== "cancelled")
    .map((c) => c.machine);
  const all = (s: string) => children.length > 0 && children.every((c) => c.status === s);
  const status: FleetStatus = children.some((c) => !isFinished(c.status))
    ? "running"
    : all("succeeded")
      ? "succeeded"
      : all("cancelled")
        ? "cancelled"
        : "failed";
  return { status, text: parts.join(", ") || "no machines", counts, problems };
}

/** One machine of the plan: who builds and deploys it and the exact command line, or why it is refused. */
export type FleetPlanEntry =
  | {
      machine: string;
      ok: true;
      builder: string;
      /** The SSH address of the builder (user@host:port), for the reader. */
      builderAddress: string;
      /** The exact string the deploy job sends to the builder (the same RemoteCommand, quoted once). */
      commandLine: string;
      /** What changes the machine now (the fleet's child waits behind it). */
      waitingFor: { id: number; kind: string } | null;
    }
  | { machine: string; ok: false; refusal: string };

export type FleetPlan = { machines: FleetPlanEntry[]; refused: string[] };

export type WireFleet = {
  id: number;
  kind: string;
  status: FleetStatus;
  requestedBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  children: WireJob[];
};

/** Why a queued child has not started: the change ahead of it in its machine's queue (null: none known). */
export function waitingText(job: Pick<WireJob, "id" | "machine" | "status">, busy: MachineBusy | undefined): string | null {
  if (job.status !== "queued" || !busy) return null;
  if (busy.running && busy.running.id !== job.id) return `waiting for ${busy.running.kind} #${busy.running.id} on ${job.machine}`;
  const ahead = busy.waiting.indexOf(job.id);
  return ahead > 0 ? `waiting for job #${busy.waiting[ahead - 1]} on ${job.machine}` : null;
}
