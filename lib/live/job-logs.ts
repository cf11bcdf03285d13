import "server-only";
// job:subscribe / job:unsubscribe: authorised (jobs:read) subscriptions to one job's log and status.
// The runner's "lines" events feed every subscription of that job: the caught-up ones get each
// batch in one broadcast (socket.io encodes it once for all of them), the others queue it on their
// own (replaying, or with lines of their own still waiting). "job" events become job:update.
import type { EventEmitter } from "node:events";
import type { Server, Socket } from "socket.io";
import type { Db } from "../db/client";
import { ConflictError } from "../errors";
import type { JobEvents } from "../jobs/runner";
import { loadJob } from "../jobs/job-store";
import { readLog } from "../jobs/log-read";
import type { LogLine } from "../jobs/log-store";
import { jobSubscribeSchema, jobUnsubscribeSchema } from "../validation/live";
import { accept, ackOf, refuse } from "./respond";
import { DEFAULT_JOB_STREAM, JobSubscription, type JobStreamSettings } from "./job-subscription";
import type { WireLogBatch } from "./events";
import { packLines } from "../wire/log-batch";
import { toWireJob } from "../wire/job";

export const MAX_JOB_SUBSCRIPTIONS_PER_SOCKET = 20;

export type JobLogDeps = {
  runner: EventEmitter<JobEvents> & { position(id: number): number | null };
  db: () => Db;
  settings?: Partial<JobStreamSettings>;
};

export type JobLogsHub = {
  /** Open subscriptions, the most unsent bytes any socket had before a send, and how many live
   * batches went out as one broadcast to caught-up subscribers. */
  stats(jobId?: number): { subscriptions: number; maxPendingSeen: number; sharedBatches: number };
};

export function attachJobLogs(io: Server, deps: JobLogDeps): JobLogsHub {
  const settings = { ...DEFAULT_JOB_STREAM, ...deps.settings };
  const byJob = new Map<number, Set<JobSubscription>>();
  const bySocket = new WeakMap<Socket, Map<number, JobSubscription>>();
  let maxPendingSeen = 0;
  let sharedBatches = 0;

  const drop = (socket: Socket, sub: JobSubscription) => {
    maxPendingSeen = Math.max(maxPendingSeen, sub.maxPendingSeen);
    sub.close();
    const mine = bySocket.get(socket);
    if (mine?.get(sub.jobId) === sub) mine.delete(sub.jobId);
    const all = byJob.get(sub.jobId);
    all?.delete(sub);
    if (all?.size === 0) byJob.delete(sub.jobId);
  };
  const read = async (jobId: number, after: number, limit: number) => (await readLog(deps.db(), jobId, after, limit)) as LogLine[];
  const job = async (id: number) => toWireJob(await loadJob(deps.db(), id), deps.runner.position(id));

  deps.runner.on("lines", ({ jobId, lines }) => {
    const subs = byJob.get(jobId);
    if (!subs?.size || lines.length === 0) return;
    const shared: string[] = [];
    for (const sub of [...subs]) {
      if (!sub.takesShared(lines[0].seq)) sub.live(lines);
      else if (sub.admitShared(lines[lines.length - 1].seq)) shared.push(sub.socketId);
    }
    if (shared.length === 0) return; // io.to([]) would mean every socket
    for (let i = 0; i < lines.length; i += settings.batchLines) {
      const packed: WireLogBatch = { jobId, ...packLines(lines.slice(i, i + settings.batchLines)) };
      io.to(shared).emit("job:lines", packed);
      sharedBatches += 1;
    }
  });
  deps.runner.on("job", (u) => {
    const subs = byJob.get(u.id);
    if (!subs?.size) return;
    job(u.id).then(
      (j) => {
        for (const sub of byJob.get(u.id) ?? []) sub.emitUpdate(j);
      },
      (err: unknown) => console.error(`[live] job ${u.id} update:`, err),
    );
  });

  io.on("connection", (socket) => {
    const mine = new Map<number, JobSubscription>();
    bySocket.set(socket, mine);

    socket.on("job:subscribe", async (payload: unknown, ackArg?: unknown) => {
      const ack = ackOf(ackArg);
      const p = accept(socket, "job:subscribe", "jobs:read", jobSubscribeSchema, payload, ack);
      if (!p) return;
      try {
        const existing = mine.get(p.jobId);
        if (existing) drop(socket, existing); // a re-subscribe restarts from the client's `after`
        if (mine.size >= MAX_JOB_SUBSCRIPTIONS_PER_SOCKET)
          throw new ConflictError(`At most ${MAX_JOB_SUBSCRIPTIONS_PER_SOCKET} job logs per connection.`);
        const current = await job(p.jobId);
        if (!socket.connected) return;
        const sub = new JobSubscription(socket, p.jobId, p.after, settings, read, (s) => drop(socket, s));
        mine.set(p.jobId, sub);
        if (!byJob.has(p.jobId)) byJob.set(p.jobId, new Set());
        byJob.get(p.jobId)!.add(sub); // live lines are held from here on, before the first read
        ack?.({ ok: true, job: current });
        await sub.start().catch((err: unknown) => {
          drop(socket, sub);
          throw err;
        });
      } catch (err) {
        refuse(socket, "job:subscribe", ack, err);
      }
    });

    socket.on("job:unsubscribe", (payload: unknown, ackArg?: unknown) => {
      const ack = ackOf(ackArg);
      const p = accept(socket, "job:unsubscribe", "jobs:read", jobUnsubscribeSchema, payload, ack);
      if (!p) return;
      const sub = mine.get(p.jobId);
      if (sub) drop(socket, sub);
      ack?.({ ok: true });
    });

    socket.on("disconnect", () => {
      for (const sub of [...mine.values()]) drop(socket, sub);
    });
  });

  return {
    stats: (jobId) => {
      let subscriptions = 0;
      let max = maxPendingSeen;
      for (const [id, set] of byJob) {
        if (jobId !== undefined && id !== jobId) continue;
        subscriptions += set.size;
        for (const s of set) max = Math.max(max, s.maxPendingSeen);
      }
      return { subscriptions, maxPendingSeen: max, sharedBatches };
    },
  };
}
