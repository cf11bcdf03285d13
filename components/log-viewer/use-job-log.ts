"use client";
// A job's log, live: subscribes with the last seq it has (0 at first) and again after every
// reconnect or job:resync, so nothing is missed or repeated. When the server does not know the
// event (an older panel) it reads the stored log over HTTP instead.
import { useEffect, useRef, useState } from "react";
import type { ServerToClient, WireJob, WireLogLine } from "@/lib/live/events";
import { initialBuildProgress, reduceBuildProgress, type BuildProgress } from "@/lib/nix/build-progress";
import { unpackLines } from "@/lib/wire/log-batch";
import { parseNixLine } from "@/lib/nix/internal-json";
import { LineStore } from "./line-store";
import { displayOf } from "./nix-display";
import { acceptLines, newSeqStats, type SeqStats } from "./seq-tracker";
import { acquirePanelSocket, frameScheduler, listen, releaseSocket, type Connection } from "./socket";
import { pollJobLog } from "./poll-job-log";

export type JobLog = {
  store: LineStore;
  version: number;
  job: WireJob;
  connection: Connection;
  transport: "socket" | "http" | null;
  stats: SeqStats;
  progress: BuildProgress | null;
};

const FINISHED = ["succeeded", "failed", "cancelled", "interrupted", "rolled-back"];
export const isFinishedStatus = (s: string) => FINISHED.includes(s);

export function useJobLog(initial: WireJob): JobLog {
  const jobId = initial.id;
  const store = useRef(new LineStore()).current;
  const stats = useRef(newSeqStats()).current;
  const progressRef = useRef<BuildProgress | null>(null);
  const [version, setVersion] = useState(0);
  const [job, setJob] = useState(initial);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [transport, setTransport] = useState<JobLog["transport"]>(null);

  useEffect(() => {
    const render = frameScheduler(() => setVersion((v) => v + 1));
    let lastGapAt = -1;
    const append = (lines: readonly WireLogLine[]) => {
      let p = progressRef.current;
      store.push(
        lines.map((l) => {
          if (l.text.startsWith("@nix ")) {
            const e = parseNixLine(l.text);
            if (e) p = reduceBuildProgress(p ?? initialBuildProgress, e, 5);
          }
          const shown = displayOf(l.stream, l.text);
          return { seq: l.seq, at: l.at, level: shown.level, text: shown.text };
        }),
      );
      progressRef.current = p;
      render.schedule();
    };
    const socket = acquirePanelSocket();
    let fallback: (() => void) | null = null;
    const useHttp = () => {
      if (fallback) return;
      setTransport("http");
      fallback = pollJobLog(jobId, stats, append, (j) => setJob(j));
    };
    const subscribe = () => {
      const timer = setTimeout(useHttp, 5000);
      socket.emit("job:subscribe", { jobId, after: stats.lastSeq }, (res) => {
        clearTimeout(timer);
        if (res.ok) {
          setTransport("socket");
          setJob(res.job);
        } else if (res.error.code === "unknown_event") useHttp();
      });
    };
    const onConnect = () => {
      setConnection("live");
      if (!fallback) subscribe();
    };
    const onOffline = () => setConnection("offline");
    const onError: ServerToClient["app:error"] = (body) => {
      if (body.error.code === "unknown_event" && (body.event === undefined || body.event === "job:subscribe")) useHttp();
    };
    const onLines: ServerToClient["job:lines"] = (batch) => {
      if (batch.jobId !== jobId || fallback) return;
      const { accepted, gap } = acceptLines(stats, unpackLines(batch));
      if (accepted.length) append(accepted);
      if (gap && lastGapAt !== stats.lastSeq) {
        lastGapAt = stats.lastSeq;
        subscribe();
      }
      render.schedule();
    };
    const onResync: ServerToClient["job:resync"] = ({ jobId: id }) => {
      if (id === jobId && !fallback) subscribe();
    };
    const onUpdate: ServerToClient["job:update"] = ({ job: j }) => {
      if (j.id === jobId) setJob(j);
    };
    const unlisten = listen(socket, {
      connect: onConnect,
      disconnect: onOffline,
      connect_error: onOffline,
      "app:error": onError,
      "job:lines": onLines,
      "job:resync": onResync,
      "job:update": onUpdate,
    });
    if (socket.connected) onConnect();
    return () => {
      render.cancel();
      fallback?.();
      unlisten();
      if (socket.connected) socket.emit("job:unsubscribe", { jobId });
      releaseSocket();
    };
  }, [jobId, store, stats]);

  return { store, version, job, connection, transport, stats, progress: progressRef.current };
}
