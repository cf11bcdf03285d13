// Which panel job produced each system generation. A generation whose NixOS system (read through
// deploy-rs's wrapper, see lib/nix/system-facts) is the system a succeeded deploy left running
// belongs to that deploy; otherwise the succeeded deploy that was running when the generation was
// created (the machine's clock against the panel's, with a small slack).
import type { Generation } from "../nix/generations";
import type { PathOrigin } from "../nix/path-info";
import type { GenerationFacts } from "../nix/system-facts";

export type DeployJob = {
  id: number;
  status: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  requestedBy: string | null;
  newSystem?: string | null;
  /** The checkout's commit the deploy built from (null: not recorded). */
  commit?: string | null;
  commitSubject?: string | null;
  dirty?: boolean | null;
  /** The machine whose nix built the deployed system (null: not recorded). */
  builtOn?: string | null;
};
export type GenerationJob = {
  id: number;
  requestedBy: string | null;
  finishedAt: string | null;
  commit: string | null;
  commitSubject: string | null;
  dirty: boolean | null;
  builtOn: string | null;
};
export type GenerationRow = Generation & {
  job: GenerationJob | null;
  /** What the machine's store says of the generation's system (null: not read). */
  origin: PathOrigin | null;
  /** Where the generation points and the NixOS system inside it, when they could be read. */
  facts: GenerationFacts | null;
};

const SLACK_MS = 2000;

export function generationJobs(
  gens: Generation[],
  deploys: DeployJob[],
  facts: Record<number, GenerationFacts> = {},
  origins: Record<string, PathOrigin> = {},
): GenerationRow[] {
  const candidates = deploys.filter((d) => d.status === "succeeded" && d.startedAt && d.finishedAt);
  return [...gens]
    .sort((a, b) => b.number - a.number)
    .map((g) => {
      const f = facts[g.number] ?? null;
      const t = Date.parse(g.date);
      const inTime = (d: DeployJob) => t >= d.startedAt!.getTime() - SLACK_MS && t <= d.finishedAt!.getTime() + SLACK_MS;
      const j = (f?.toplevel ? candidates.find((d) => d.newSystem === f.toplevel && inTime(d)) : undefined) ?? candidates.find(inTime);
      const job = j
        ? {
            id: j.id,
            requestedBy: j.requestedBy,
            finishedAt: j.finishedAt!.toISOString(),
            commit: j.commit ?? null,
            commitSubject: j.commitSubject ?? null,
            dirty: j.dirty ?? null,
            builtOn: j.builtOn ?? null,
          }
        : null;
      const system = f ? (f.toplevel ?? f.target) : null;
      return { ...g, facts: f, job, origin: (system && origins[system]) || null };
    });
}

/** The generation a one-click "Roll back" goes to: the newest one older than the current. */
export function previousGeneration(gens: Generation[]): Generation | null {
  const cur = gens.find((g) => g.current);
  if (!cur) return null;
  return gens.filter((g) => g.number < cur.number).sort((a, b) => b.number - a.number)[0] ?? null;
}
