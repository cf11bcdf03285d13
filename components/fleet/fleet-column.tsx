"use client";
// One machine of a fleet: its deploy job's live status, what it waits for, its honest outcome and
// its log (the job log viewer, fed by the job's socket.io subscription). On a phone the log folds.
import Link from "next/link";
import { useEffect } from "react";
import { StatusBadge } from "@/components/jobs/status-badge";
import { LogViewer } from "@/components/log-viewer/log-viewer";
import { useJobLog } from "@/components/log-viewer/use-job-log";
import type { MachineBusy, WireJob } from "@/lib/live/events";
import { waitingText } from "@/lib/wire/fleet";
import { isFinished } from "@/lib/wire/job-kinds";

type Props = { initial: WireJob; busy: MachineBusy | undefined; onJob: (job: WireJob) => void };

export function FleetColumn({ initial, busy, onJob }: Props) {
  const log = useJobLog(initial);
  const { job } = log;
  useEffect(() => onJob(job), [job, onJob]);
  const done = isFinished(job.status);
  const waiting = waitingText(job, busy);
  const bad = done && job.status !== "succeeded" && job.status !== "cancelled";
  return (
    <section
      aria-labelledby={`fleet-m-${job.id}`}
      data-testid="fleet-machine"
      data-machine={job.machine}
      data-status={job.status}
      className="flex min-w-0 flex-col gap-2 rounded-xl border border-(--color-line) bg-(--color-panel) p-3"
    >
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`fleet-m-${job.id}`} className="font-mono font-semibold">
          <Link href={`/machines/${job.machine}`} className="underline-offset-2 hover:underline">
            {job.machine}
          </Link>
        </h2>
        <StatusBadge status={job.status} live />
      </header>
      <p className="text-xs text-(--color-muted)">
        <Link href={`/jobs/${job.id}`} className="underline-offset-2 hover:underline">
          deploy #{job.id}
        </Link>
        {waiting && <span data-testid="fleet-waiting"> · {waiting}</span>}
      </p>
      {job.message && (
        <p data-testid="fleet-outcome" className={`text-sm ${bad ? "text-(--color-down)" : "text-(--color-muted)"}`}>
          {job.message}
        </p>
      )}
      <details className="min-w-0" open>
        <summary className="cursor-pointer text-sm text-(--color-accent) md:hidden">Log of {job.machine}</summary>
        <LogViewer
          store={log.store}
          version={log.version}
          numbering="seq"
          emptyText={done ? "This job wrote no log." : job.status === "queued" ? "Waiting for the deploy to start…" : "Waiting for output…"}
          download={{ href: `/api/jobs/${job.id}/log/download`, filename: `job-${job.id}.log` }}
          data={{ "stat-last-seq": log.stats.lastSeq }}
          heightClass="h-[50dvh]"
        />
      </details>
    </section>
  );
}
