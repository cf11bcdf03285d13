import "server-only";
// The jobs engine's public face. One runner per process, on globalThis: Next's bundle and
// server.ts both evaluate this module and must share the queues.
import { db } from "../db/client";
import { JobRunner } from "./runner";
import { listJobRows, loadJob, type JobFilter, type JobRow } from "./job-store";
import { readLog } from "./log-read";
import { toWireJob, type WireJob } from "../wire/job";

export { JobRunner, type JobEvents, type JobUpdate, type StartRequest } from "./runner";
export { JOB_KINDS, JOB_STATUSES, type JobKind, type JobStatus, type PublicJobKind } from "../wire/job-kinds";
export type { LogLine, LogStream } from "./log-store";

const KEY = Symbol.for("homelab-panel.job-runner");
type Holder = { [KEY]?: JobRunner };

/** The process-wide runner (server.ts calls start() before listening). */
export function jobRunner(): JobRunner {
  const holder = globalThis as Holder;
  holder[KEY] ??= new JobRunner();
  return holder[KEY];
}

export function setJobRunner(runner: JobRunner): void {
  (globalThis as Holder)[KEY] = runner;
}

/** A job as the API and the pages show it: the browser's shape plus arguments and results (never
 * the SSH key, never the target's address). */
export function jobView(job: JobRow, position: number | null) {
  return {
    ...toWireJob(job, position),
    args: JSON.parse(job.args) as unknown,
    oldSystem: job.oldSystem,
    newSystem: job.newSystem,
    commit: job.commit,
    commitSubject: job.commitSubject,
    dirty: job.dirty,
    /** The machine whose nix built the system (build and deploy jobs; null before it was recorded). */
    builtOn: job.builtOn,
    lockHash: job.lockHash,
    promotedFrom: job.promotedFrom,
    result: job.result ? (JSON.parse(job.result) as unknown) : null,
    requestedBy: job.requestedBy?.name ?? null,
    /** The fleet deploy this job is one machine of (null for a single job). */
    fleetId: job.fleetId,
  };
}

export type JobView = ReturnType<typeof jobView>;

export async function getJob(id: number, runner = jobRunner()): Promise<JobView> {
  return jobView(await loadJob(db(), id), runner.position(id));
}

/** The job page: the view (its header) and the browser's shape for its live part (small: no arguments or results). */
export async function getJobPage(id: number, runner = jobRunner()): Promise<{ job: JobView; live: WireJob }> {
  const row = await loadJob(db(), id);
  const position = runner.position(id);
  return { job: jobView(row, position), live: toWireJob(row, position) };
}

export async function listJobs(filter: JobFilter, runner = jobRunner()): Promise<JobView[]> {
  return (await listJobRows(db(), filter)).map((j) => jobView(j, runner.position(j.id)));
}

/** Log lines after `after` (exclusive), oldest first; `next` is the seq to pass next time. */
export async function jobLog(id: number, after: number, limit: number) {
  await loadJob(db(), id);
  const lines = await readLog(db(), id, after, limit);
  return { lines, next: lines.at(-1)?.seq ?? after };
}
