// A job as browsers get it, and the one conversion of a job row into it. The socket events
// (lib/live/events.ts), the API (lib/jobs jobView: this plus arguments and results) and the pages
// all use it, so a job looks the same however it reached the page.

export type WireJob = {
  id: number;
  kind: string;
  machine: string;
  status: string;
  /** Jobs ahead of it in its machine's queue (the running one counts); null when not waiting. */
  position: number | null;
  exitCode: number | null;
  /** Why it ended as it did ("" while it runs). */
  message: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

/** The change running on a machine and the ids of the changes waiting behind it, in order. */
export type MachineBusy = { running: { id: number; kind: string } | null; waiting: number[] };

/** The fields of a job row (lib/jobs/job-store.ts) this needs. */
export type JobRowCore = {
  id: number;
  kind: string;
  machine: { name: string };
  status: string;
  exitCode: number | null;
  message: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export function toWireJob(job: JobRowCore, position: number | null): WireJob {
  return {
    id: job.id,
    kind: job.kind,
    machine: job.machine.name,
    status: job.status,
    position,
    exitCode: job.exitCode,
    message: job.message,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
