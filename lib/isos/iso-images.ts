import "server-only";
// What the installer-images list shows (each image checked to still exist on its build host), and
// deleting an image (its GC root, then the store path). One presence command per build host.
import { commandLine, isoPresence, isoRemoveRoot, isoRoot, isoStoreDelete } from "../commands";
import { db as defaultDb, type Db } from "../db/client";
import { ExecError } from "../ssh/errors";
import { sshPool, type SshPool } from "../ssh/pool";
import { run } from "../ssh/run";
import { builderEndpoint, findIsoJob, listIsoJobs, type IsoJob } from "./iso-jobs";

export type IsoPresence = "present" | "gone" | "unknown";
export type IsoEntry = Omit<IsoJob, "builtAt"> & { builtAt: string | null; presence: IsoPresence; note: string | null };
export type IsoDeps = { db: Db; pool: SshPool };
const globals = (): IsoDeps => ({ db: defaultDb(), pool: sshPool() });
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Reads the presence script's lines: the image is there when its GC root points at its output and the file exists. */
export function presenceOf(stdout: string, jobs: readonly IsoJob[]): Map<number, IsoPresence> {
  const seen = new Map<string, { target: string; state: string }>();
  for (const line of stdout.split("\n")) {
    const [root, target, state] = line.split("\t");
    if (root && state) seen.set(root, { target: target ?? "", state });
  }
  return new Map(
    jobs.map((j) => {
      const s = seen.get(isoRoot(j.jobId));
      if (!s) return [j.jobId, "unknown"];
      return [j.jobId, s.state === "present" && s.target === j.image.outPath ? "present" : "gone"];
    }),
  );
}

async function checkOn(builder: string, jobs: IsoJob[], deps: IsoDeps, timeoutMs: number) {
  try {
    const at = await builderEndpoint(deps.db, jobs[0], deps.pool.settings.keyFile);
    const cmd = isoPresence(
      { sshUser: at.sshUser },
      jobs.map((j) => ({ jobId: j.jobId, isoPath: j.image.isoPath })),
    );
    const out = await run(at.target, commandLine(cmd), { pool: deps.pool, timeoutMs, label: cmd.description });
    return { found: presenceOf(out, jobs), note: null };
  } catch (err) {
    return { found: new Map<number, IsoPresence>(), note: `Cannot ask ${builder}: ${messageOf(err)}` };
  }
}

export async function listIsos(machine: string, timeoutMs = 15_000, deps: IsoDeps = globals()): Promise<IsoEntry[]> {
  const jobs = await listIsoJobs(deps.db, machine);
  const byBuilder = new Map<string, IsoJob[]>();
  for (const j of jobs) byBuilder.set(j.builder, [...(byBuilder.get(j.builder) ?? []), j]);
  const checked = await Promise.all([...byBuilder].map(async ([b, js]) => [b, await checkOn(b, js, deps, timeoutMs)] as const));
  const results = new Map(checked);
  return jobs.map((j) => {
    const r = results.get(j.builder)!;
    return { ...j, builtAt: j.builtAt?.toISOString() ?? null, presence: r.found.get(j.jobId) ?? "unknown", note: r.note };
  });
}

export type IsoDeleteResult = { fileName: string; builder: string; storeDeleted: boolean; note: string };

/**
 * Removes the image's GC root on its build host, then asks nix to delete the output from the store
 * (`nix store delete`: refused when something else still keeps it; the root is gone either way, so
 * the next garbage collection takes it).
 */
export async function deleteIso(jobId: number, deps: IsoDeps = globals()): Promise<IsoDeleteResult> {
  const job = await findIsoJob(deps.db, jobId);
  const at = await builderEndpoint(deps.db, job, deps.pool.settings.keyFile);
  const ctx = { sshUser: at.sshUser };
  const rm = isoRemoveRoot(ctx, job.jobId);
  await run(at.target, commandLine(rm), { pool: deps.pool, timeoutMs: 30_000, label: rm.description });
  const del = isoStoreDelete(ctx, job.image.outPath);
  try {
    await run(at.target, commandLine(del), { pool: deps.pool, timeoutMs: 120_000, label: del.description });
    return {
      fileName: job.image.fileName,
      builder: job.builder,
      storeDeleted: true,
      note: `GC root removed, ${job.image.outPath} deleted`,
    };
  } catch (err) {
    if (!(err instanceof ExecError && err.reason === "exit")) throw err;
    const why = err.stderrTail.trim().split("\n").at(-1) ?? err.message;
    return {
      fileName: job.image.fileName,
      builder: job.builder,
      storeDeleted: false,
      note: `GC root removed; the store kept the path (${why})`,
    };
  }
}
