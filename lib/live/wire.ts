import "server-only";
// Rows as they travel to browsers (lib/live/events.ts types).
import type { JobRow } from "../jobs/job-store";
import type { LogLine } from "../jobs/log-store";
import type { WireJob, WireLogLine } from "./events";

export function wireLine(l: LogLine): WireLogLine {
  return { seq: l.seq, stream: l.stream, text: l.text, at: l.at.getTime() };
}

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
