import "server-only";
// Job rows. Every status change out of "running"/"queued" is conditional on the current status, so
// a runner that lost a job (recovery marked it interrupted) can never overwrite the verdict.
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import type { FinishedStatus, JobKind, JobStatus } from "../wire/job-kinds";

export type JobRow = Awaited<ReturnType<typeof loadJob>>;

export type JobFilter = { machine?: string; status?: JobStatus; kind?: JobKind; before?: number; limit?: number };

export type Finish = {
  status: FinishedStatus;
  message: string;
  exitCode?: number | null;
  oldSystem?: string | null;
  newSystem?: string | null;
  result?: unknown;
};

export async function loadJob(db: Db, id: number) {
  const job = await db.job.findUnique({
    where: { id },
    include: { machine: { select: { name: true } }, requestedBy: { select: { name: true } } },
  });
  if (!job) throw new NotFoundError(`No job ${id}.`);
  return job;
}

export function listJobRows(db: Db, f: JobFilter) {
  return db.job.findMany({
    where: {
      status: f.status,
      kind: f.kind,
      machine: f.machine ? { name: f.machine } : undefined,
      id: f.before ? { lt: f.before } : undefined,
    },
    orderBy: { id: "desc" },
    take: f.limit ?? 50,
    include: { machine: { select: { name: true } }, requestedBy: { select: { name: true } } },
  });
}

export function insertJob(
  db: Db,
  data: { kind: JobKind; machineId: number; args: unknown; requestedById: number | null; promotedFrom?: number | null },
) {
  return db.job.create({
    data: {
      kind: data.kind,
      machineId: data.machineId,
      args: JSON.stringify(data.args),
      requestedById: data.requestedById,
      promotedFrom: data.promotedFrom ?? null,
    },
  });
}

export async function markRunning(db: Db, id: number): Promise<boolean> {
  const { count } = await db.job.updateMany({ where: { id, status: "queued" }, data: { status: "running", startedAt: new Date() } });
  return count === 1;
}

export async function setRunningFields(
  db: Db,
  id: number,
  data: {
    oldSystem?: string | null;
    remotePid?: number | null;
    commit?: string | null;
    commitSubject?: string | null;
    dirty?: boolean | null;
    builtOn?: string | null;
    lockHash?: string | null;
  },
): Promise<void> {
  await db.job.updateMany({ where: { id, status: "running" }, data });
}

/** Ends a job that is in one of `from`; false when it already ended (someone else decided). */
export async function finishJob(db: Db, id: number, f: Finish, from: JobStatus[] = ["running"]): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id, status: { in: from } },
    data: {
      status: f.status,
      message: f.message.slice(0, 4000),
      exitCode: f.exitCode,
      oldSystem: f.oldSystem,
      newSystem: f.newSystem,
      result: f.result === undefined ? undefined : JSON.stringify(f.result),
      finishedAt: new Date(),
    },
  });
  return count === 1;
}

/** Replaces a finished job's result only if it is still `from` (a second decision loses); false otherwise. */
export async function replaceJobResult(db: Db, id: number, from: string, to: unknown): Promise<boolean> {
  const { count } = await db.job.updateMany({ where: { id, result: from }, data: { result: JSON.stringify(to) } });
  return count === 1;
}

export const INTERRUPTED_MESSAGE =
  "The panel stopped while this job was running; its outcome is unknown. Check the machine (current system, generations) before starting it again.";
export const CANCELLED_AT_START =
  "Cancelled: the panel restarted before this job started. Queued jobs are not resumed, because what was wanted then may not be wanted now; start it again if it still is.";

/** A job the previous process left running whose remote process group is known. */
export type Leftover = { id: number; machine: string; kind: string; remotePid: number };

/** At start-up: no job may stay running or queued from a previous process. */
export async function recoverJobs(db: Db): Promise<{ interrupted: number[]; cancelled: number[]; leftovers: Leftover[] }> {
  const stale = await db.job.findMany({
    where: { status: { in: ["running", "queued"] } },
    select: { id: true, status: true, kind: true, remotePid: true, machine: { select: { name: true } } },
  });
  const interrupted = stale.filter((j) => j.status === "running").map((j) => j.id);
  const leftovers = stale.flatMap((j) =>
    j.status === "running" && j.remotePid !== null ? [{ id: j.id, machine: j.machine.name, kind: j.kind, remotePid: j.remotePid }] : [],
  );
  const cancelled = stale.filter((j) => j.status === "queued").map((j) => j.id);
  const now = new Date();
  await db.job.updateMany({
    where: { id: { in: interrupted }, status: "running" },
    data: { status: "interrupted", message: INTERRUPTED_MESSAGE, finishedAt: now },
  });
  await db.job.updateMany({
    where: { id: { in: cancelled }, status: "queued" },
    data: { status: "cancelled", message: CANCELLED_AT_START, finishedAt: now },
  });
  return { interrupted, cancelled, leftovers };
}
