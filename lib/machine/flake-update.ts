import "server-only";
// What the user does with an "Update inputs" preview (a succeeded flake-update job): accept it
// (commit the previewed flake.lock in the real checkout, only if HEAD and flake.lock are still what
// the preview started from; optionally push; then deploy through the ordinary deploy job) or
// cancel it (remove the scratch copy; the checkout was never touched). Each decision is recorded in
// the job's result, once: a second accept or cancel is refused.
import { applyLock, commandLine, scratchRemove } from "../commands";
import { ConflictError, ValidationError } from "../errors";
import { db as defaultDb, type Db } from "../db/client";
import { jobRunner } from "../jobs";
import { loadJob, replaceJobResult } from "../jobs/job-store";
import { jobMachine, type JobMachine } from "../jobs/machine-targets";
import { ExecError } from "../ssh/errors";
import { sshPool, type SshPool } from "../ssh/pool";
import { run } from "../ssh/run";
import type { MachineBusy } from "../wire/job";
import { readFlakeUpdateResult, type FlakeDecision, type FlakeUpdateResult } from "../wire/flake-update";

export type FlakeUpdateDeps = {
  db: Db;
  pool: SshPool;
  enqueueDeploy: (machine: string, requestedById: number | null) => Promise<number>;
  /** Why a deploy cannot start now (a change runs or waits), else null. */
  busy: (machine: string) => string | null;
};
const busyText = (b: MachineBusy) =>
  b.running ? `${b.running.kind} #${b.running.id} is running` : b.waiting.length ? `${b.waiting.length} change(s) wait` : null;
export const flakeUpdateDeps = (): FlakeUpdateDeps => ({
  db: defaultDb(),
  pool: sshPool(),
  busy: (machine) => busyText(jobRunner().busy(machine)),
  enqueueDeploy: async (machine, requestedById) =>
    (await jobRunner().enqueue({ machine, kind: "deploy", args: {}, requestedById, exclusive: true })).id,
});

/** Jobs whose decision is under way in this process (a double click waits for nothing: refused). */
const deciding = new Set<number>();

type Pending = { raw: string; result: FlakeUpdateResult & { scratch: string }; machine: JobMachine };

async function pending(deps: FlakeUpdateDeps, jobId: number): Promise<Pending> {
  const job = await loadJob(deps.db, jobId);
  if (job.kind !== "flake-update") throw new ValidationError(`Job ${jobId} is not an input update.`);
  const result = readFlakeUpdateResult(job.result);
  if (job.status !== "succeeded" || !result) throw new ConflictError(`Job ${jobId} has no preview to decide on (${job.status}).`);
  if (result.decision) throw new ConflictError(`Job ${jobId} was already ${result.decision.kind} by ${result.decision.by}.`);
  if (!result.scratch) throw new ConflictError(`Job ${jobId} has nothing to apply: ${job.message}.`);
  const machine = await jobMachine(deps.db, job.machine.name, deps.pool.settings.keyFile);
  return { raw: job.result, result: { ...result, scratch: result.scratch }, machine };
}

async function decide<T>(jobId: number, work: () => Promise<T>): Promise<T> {
  if (deciding.has(jobId)) throw new ConflictError(`Job ${jobId} is being decided on already.`);
  deciding.add(jobId);
  try {
    return await work();
  } finally {
    deciding.delete(jobId);
  }
}

async function record(deps: FlakeUpdateDeps, jobId: number, p: Pending, decision: FlakeDecision, scratch: string | null) {
  if (!(await replaceJobResult(deps.db, jobId, p.raw, { ...p.result, scratch, decision })))
    throw new ConflictError(`Job ${jobId} was decided on meanwhile.`);
}

async function removeScratch(deps: FlakeUpdateDeps, m: JobMachine, scratch: string): Promise<void> {
  const cmd = scratchRemove({ sshUser: m.builder.sshUser }, scratch);
  await run(m.builder.target, commandLine(cmd), { pool: deps.pool, timeoutMs: 60_000, label: cmd.description });
}

/** The decision as recorded, and the machine it was about. */
export type Decided = FlakeDecision & { machine: string };

export async function cancelFlakeUpdate(jobId: number, by: string, deps: FlakeUpdateDeps = flakeUpdateDeps()): Promise<Decided> {
  return decide(jobId, async () => {
    const p = await pending(deps, jobId);
    await removeScratch(deps, p.machine, p.result.scratch);
    const decision: FlakeDecision = { kind: "cancelled", by, at: new Date().toISOString(), commit: null, deployJob: null, note: "" };
    await record(deps, jobId, p, decision, null);
    return { ...decision, machine: p.machine.name };
  });
}

const lastLine = (s: string) => s.trim().split("\n").at(-1) ?? "";
const REFUSED: Record<number, string> = {
  6: "HEAD of the checkout moved since the preview: update again",
  7: "flake.lock in the checkout changed since the preview: update again",
  8: "the previewed flake.lock is no longer in the scratch copy: update again",
  10: "the commit failed; flake.lock was restored",
};

export type AcceptOptions = { message: string; push: boolean; deploy: boolean; requestedById: number | null };

export async function acceptFlakeUpdate(
  jobId: number,
  by: string,
  o: AcceptOptions,
  deps: FlakeUpdateDeps = flakeUpdateDeps(),
): Promise<Decided> {
  return decide(jobId, async () => {
    const p = await pending(deps, jobId);
    const m = p.machine;
    const busy = o.deploy ? deps.busy(m.name) : null;
    if (busy) throw new ConflictError(`Not accepting while ${busy} on ${m.name}: the deploy could not start.`);
    const r = p.result;
    const cmd = applyLock(
      { sshUser: m.builder.sshUser },
      { flakeDir: m.flakeDir, scratch: r.scratch, head: r.base, oldSha: r.oldSha, newSha: r.newSha, message: o.message, push: o.push },
    );
    let commit: string | null;
    let note = "";
    try {
      commit = lastLine(await run(m.builder.target, commandLine(cmd), { pool: deps.pool, timeoutMs: 120_000, label: cmd.description }));
    } catch (err) {
      if (!(err instanceof ExecError && err.reason === "exit" && err.exitCode !== null)) throw err;
      if (err.exitCode !== 9)
        throw new ConflictError(`Not accepted: ${REFUSED[err.exitCode] ?? (lastLine(err.stderrTail) || err.message)}.`);
      commit = /committed ([0-9a-f]{40})/.exec(err.stderrTail)?.[1] ?? null;
      const why =
        err.stderrTail
          .trim()
          .split("\n")
          .filter((l) => !l.startsWith("committed "))
          .at(-1) ?? "";
      note = `committed, but the push failed${why ? `: ${why}` : ""}`;
    }
    if (commit && !/^[0-9a-f]{40}$/.test(commit)) commit = null;
    await removeScratch(deps, m, r.scratch).catch(() => undefined);
    let deployJob: number | null = null;
    if (o.deploy) {
      try {
        deployJob = await deps.enqueueDeploy(m.name, o.requestedById);
      } catch (err) {
        note = `${note ? `${note}; ` : ""}the deploy was not started: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    const decision: FlakeDecision = { kind: "accepted", by, at: new Date().toISOString(), commit, deployJob, note };
    await record(deps, jobId, p, decision, null);
    return { ...decision, machine: p.machine.name };
  });
}
