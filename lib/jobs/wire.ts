// A job as sent to browsers (the socket contract's WireJob), from the API view.
import type { WireJob } from "../live/events";

type ViewLike = {
  id: number;
  kind: string;
  machine: string;
  status: string;
  position: number | null;
  exitCode: number | null;
  message: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export function toWireJob(j: ViewLike): WireJob {
  return {
    id: j.id,
    kind: j.kind,
    machine: j.machine,
    status: j.status,
    position: j.position,
    exitCode: j.exitCode,
    message: j.message || null,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}
