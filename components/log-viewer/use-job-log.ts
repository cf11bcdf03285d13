"use client";
// A job's log, live: subscribes with the last seq it has (0 at first) and again after every
// reconnect, job:resync or missing line, so nothing is missed or repeated. The socket is the only
// path: a job page or panel that lost it says so and catches up when it is back.
import { useEffect, useState } from "react";
import { useConnection, type Connection } from "@/components/live/socket";
import type { ServerToClient, WireJob } from "@/lib/live/events";
import type { BuildProgress } from "@/lib/nix/build-progress";
import { unpackLines } from "@/lib/wire/log-batch";
import { JobLogLines } from "./job-log-lines";
import type { LineStore } from "./line-store";
import type { SeqStats } from "./seq-tracker";
import { acquirePanelSocket, frameScheduler, listen, releaseSocket } from "./socket";

export type JobLog = {
  store: LineStore;
  version: number;
  job: WireJob;
  connection: Connection;
  stats: SeqStats;
  progress: BuildProgress | null;
};

export function useJobLog(initial: WireJob): JobLog {
  const jobId = initial.id;
  const [log] = useState(() => new JobLogLines());
  const [version, setVersion] = useState(0);
  const [job, setJob] = useState(initial);
  const connection = useConnection();

  useEffect(() => {
    const render = frameScheduler(() => setVersion((v) => v + 1));
    const socket = acquirePanelSocket();
    let lastGapAt = -1;
    const subscribe = () =>
      socket.emit("job:subscribe", { jobId, after: log.stats.lastSeq }, (res) => {
        if (res.ok) setJob(res.job);
      });
    const onLines: ServerToClient["job:lines"] = (batch) => {
      if (batch.jobId !== jobId) return;
      if (log.take(unpackLines(batch)) && lastGapAt !== log.stats.lastSeq) {
        lastGapAt = log.stats.lastSeq;
        subscribe();
      }
      render.schedule();
    };
    const onResync: ServerToClient["job:resync"] = ({ jobId: id }) => {
      if (id === jobId) subscribe();
    };
    const onUpdate: ServerToClient["job:update"] = ({ job: j }) => {
      if (j.id === jobId) setJob(j);
    };
    const unlisten = listen(socket, { connect: subscribe, "job:lines": onLines, "job:resync": onResync, "job:update": onUpdate });
    if (socket.connected) subscribe();
    return () => {
      render.cancel();
      unlisten();
      if (socket.connected) socket.emit("job:unsubscribe", { jobId });
      releaseSocket();
    };
  }, [jobId, log]);

  return { store: log.store, version, job, connection, stats: log.stats, progress: log.progress };
}
