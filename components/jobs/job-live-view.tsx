"use client";
// The job page's live part: status, duration, cancel, build progress and the log viewer, all
// fed by one job subscription.
import Link from "next/link";
import { useEffect, useState } from "react";
import type { WireJob } from "@/lib/live/events";
import { LogViewer } from "@/components/log-viewer/log-viewer";
import { useJobLog } from "@/components/log-viewer/use-job-log";
import { isFinished } from "@/lib/wire/job-kinds";
import { BuildProgressBar } from "./build-progress-bar";
import { CancelButton } from "./cancel-button";
import { StatusBadge } from "./status-badge";
import { duration } from "./format";

export function JobLiveView({ initial, canCancel, canJournal }: { initial: WireJob; canCancel: boolean; canJournal: boolean }) {
  const log = useJobLog(initial);
  const { job } = log;
  const done = isFinished(job.status);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (done) return;
    // A local clock for the running time shown; it fetches nothing (changes arrive over socket.io).
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [done]);
  const started = job.startedAt ? Date.parse(job.startedAt) : null;
  const ended = job.finishedAt ? Date.parse(job.finishedAt) : now;
  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <StatusBadge status={job.status} live />
        {job.position !== null && job.status === "queued" && (
          <span className="text-sm text-(--color-muted)">{job.position} ahead in the queue</span>
        )}
        {started !== null && (
          <span className="text-sm text-(--color-muted) tabular-nums" data-testid="job-duration">
            {duration(ended - started)}
          </span>
        )}
        <span className="text-xs text-(--color-muted)" data-testid="live-state">
          {log.connection === "live" ? "Live" : log.connection === "connecting" ? "Connecting…" : "Offline: reconnecting…"}
        </span>
        {canCancel && !done && <CancelButton jobId={job.id} />}
        {canJournal && job.status === "failed" && (
          <Link
            prefetch={false}
            href={`/journal?machine=${encodeURIComponent(job.machine)}&priority=4&since=${encodeURIComponent(job.startedAt ?? job.createdAt)}`}
            className="inline-flex h-11 items-center rounded-lg border border-(--color-line) px-4 text-sm hover:border-(--color-accent)"
          >
            Journal of {job.machine}
          </Link>
        )}
      </div>
      {job.message && (
        <p className={`mb-3 text-sm ${job.status === "failed" ? "text-(--color-down)" : "text-(--color-muted)"}`} data-testid="job-message">
          {job.message}
        </p>
      )}
      {log.progress && <BuildProgressBar progress={log.progress} running={!done} />}
      <LogViewer
        store={log.store}
        version={log.version}
        numbering="seq"
        emptyText={done ? "This job wrote no log." : job.status === "queued" ? "Waiting for the job to start…" : "Waiting for output…"}
        download={{ href: `/api/jobs/${job.id}/log/download`, filename: `job-${job.id}.log` }}
        data={{
          received: log.stats.received,
          repeats: log.stats.repeats,
          gaps: log.stats.gaps,
          "stat-last-seq": log.stats.lastSeq,
        }}
      />
    </>
  );
}
