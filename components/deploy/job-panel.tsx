"use client";
// The job just started from this page, live: status, place in the queue, its log in the shared
// LogViewer (fed by one job subscription: replay, then live lines), a link to /jobs/<id>.
import Link from "next/link";
import type { WireJob } from "@/lib/live/events";
import { LogViewer } from "@/components/log-viewer/log-viewer";
import { useJobLog } from "@/components/log-viewer/use-job-log";
import { isFinished } from "@/lib/wire/job-kinds";
import { useMachineJobs } from "./machine-jobs";
import { StatusBadge } from "@/components/jobs/status-badge";

export function JobPanel() {
  const { openJob, setOpenJob } = useMachineJobs();
  if (openJob === null) return null;
  return <LiveJob key={openJob.id} initial={openJob} onClose={() => setOpenJob(null)} />;
}

function LiveJob({ initial, onClose }: { initial: WireJob; onClose: () => void }) {
  const log = useJobLog(initial);
  const { job } = log;
  const done = isFinished(job.status);
  return (
    <section
      data-testid="job-panel"
      data-job={job.id}
      aria-label={`Job ${job.id}`}
      className="mt-4 min-w-0 rounded-xl border border-(--color-line) bg-(--color-panel)"
    >
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-(--color-line) px-4 py-2">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <h3 className="font-semibold">
            {job.kind} #{job.id}
          </h3>
          <StatusBadge status={job.status} position={job.position} testId="outcome" />
          <span className="text-xs text-(--color-muted)">
            {log.connection === "live" ? "live" : log.connection === "connecting" ? "connecting…" : "offline: reconnecting…"}
          </span>
        </div>
        <div className="flex items-center gap-2 text-sm">
          <Link
            prefetch={false}
            href={`/jobs/${job.id}`}
            className="inline-flex h-11 items-center rounded-lg px-3 text-(--color-accent) underline-offset-2 hover:underline"
          >
            Full log
          </Link>
          <button
            type="button"
            onClick={onClose}
            className="inline-flex h-11 items-center rounded-lg px-3 hover:bg-(--color-bg)"
            aria-label="Close the log"
          >
            Close
          </button>
        </div>
      </header>
      {job.status === "queued" && job.position != null && (
        <p data-testid="queue-position" className="px-4 pt-2 text-sm text-(--color-muted)">
          Waiting: {job.position} job{job.position === 1 ? "" : "s"} ahead of it on this machine.
        </p>
      )}
      {done && job.message && (
        <p data-testid="job-message" className="break-words px-4 pt-2 text-sm">
          {job.message}
        </p>
      )}
      <div data-testid="job-log" className="p-2">
        <LogViewer
          store={log.store}
          version={log.version}
          numbering="seq"
          heightClass="h-80"
          emptyText={done ? "This job wrote no log." : job.status === "queued" ? "Waiting for the job to start…" : "Waiting for output…"}
          download={{ href: `/api/jobs/${job.id}/log/download`, filename: `job-${job.id}.log` }}
        />
      </div>
    </section>
  );
}
