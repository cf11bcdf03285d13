import "server-only";
// Rows as they travel to browsers (lib/live/events.ts types).
import type { JobRow } from "../jobs/job-store";
import type { WireJob } from "./events";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function wireJob(job: JobRow, position: number | null): WireJob {
  return {
    id: job.id,
    kind: job.kind,
    machine: job.machine.name,
    status: job.status,
    position,
    exitCode: job.exitCode,
    message: job.message,
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
  };
}
