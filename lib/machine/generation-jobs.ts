// Which panel job produced each system generation. nix-env lists a generation's creation time
// (seconds) but not its path, so a generation belongs to the succeeded deploy of this machine that
// was running when it was created (the machine's clock against the panel's, with a small slack).
import type { Generation } from "../nix/generations";

export type DeployJob = { id: number; status: string; startedAt: Date | null; finishedAt: Date | null; requestedBy: string | null };
export type GenerationRow = Generation & { job: { id: number; requestedBy: string | null; finishedAt: string | null } | null };

const SLACK_MS = 2000;

export function generationJobs(gens: Generation[], deploys: DeployJob[]): GenerationRow[] {
  const candidates = deploys.filter((d) => d.status === "succeeded" && d.startedAt && d.finishedAt);
  return [...gens]
    .sort((a, b) => b.number - a.number)
    .map((g) => {
      const t = Date.parse(g.date);
      const j = candidates.find((d) => t >= d.startedAt!.getTime() - SLACK_MS && t <= d.finishedAt!.getTime() + SLACK_MS);
      return { ...g, job: j ? { id: j.id, requestedBy: j.requestedBy, finishedAt: j.finishedAt!.toISOString() } : null };
    });
}

/** The generation a one-click "Roll back" goes to: the newest one older than the current. */
export function previousGeneration(gens: Generation[]): Generation | null {
  const cur = gens.find((g) => g.current);
  if (!cur) return null;
  return gens.filter((g) => g.number < cur.number).sort((a, b) => b.number - a.number)[0] ?? null;
}
