"use client";
// The job just started from this page: its status, place in the queue, and its log as it is
// written (read from GET /api/jobs/<id>/log after the last line seen), with a link to /jobs/<id>.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useMachineJobs } from "./machine-jobs";
import { OutcomeBadge } from "./outcome-badge";
import { FINAL_STATUSES } from "./types";

type Job = { id: number; kind: string; status: string; position: number | null; message: string };
type Line = { seq: number; stream: string; text: string };

const MAX_LINES = 2000;

export function JobPanel() {
  const { openJob, setOpenJob } = useMachineJobs();
  const [shown, setJob] = useState<Job | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const pre = useRef<HTMLPreElement>(null);
  const stick = useRef(true);

  useEffect(() => {
    if (openJob === null) return;
    let after = 0;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setJob(null);
    setLines([]);
    const tick = async () => {
      const [jr, lr] = await Promise.all([
        fetch(`/api/jobs/${openJob}`, { cache: "no-store" }).catch(() => null),
        fetch(`/api/jobs/${openJob}/log?after=${after}&limit=1000`, { cache: "no-store" }).catch(() => null),
      ]);
      if (stopped) return;
      const j = jr?.ok ? ((await jr.json()) as { job: Job }).job : null;
      const l = lr?.ok ? ((await lr.json()) as { lines: Line[]; next: number }) : null;
      if (stopped) return;
      if (j) setJob(j);
      if (l && l.lines.length) {
        after = l.next;
        setLines((prev) => [...prev, ...l.lines].slice(-MAX_LINES));
      }
      const done = j && FINAL_STATUSES.includes(j.status) && l && l.lines.length === 0;
      if (!done) timer = setTimeout(() => void tick(), 1000);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [openJob]);

  useEffect(() => {
    if (stick.current && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [lines]);

  if (openJob === null) return null;
  const job = shown?.id === openJob ? shown : null;
  return (
    <section data-testid="job-panel" data-job={openJob} aria-label={`Job ${openJob}`} className="mt-4 rounded-xl border border-(--color-line) bg-(--color-panel)">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-(--color-line) px-4 py-2">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <h3 className="font-semibold">
            {job?.kind ?? "Job"} #{openJob}
          </h3>
          {job && <OutcomeBadge status={job.status} position={job.position} />}
        </div>
        <div className="flex items-center gap-2 text-sm">
          <Link prefetch={false} href={`/jobs/${openJob}`} className="inline-flex h-11 items-center rounded-lg px-3 text-(--color-accent) underline-offset-2 hover:underline">
            Full log
          </Link>
          <button type="button" onClick={() => setOpenJob(null)} className="inline-flex h-11 items-center rounded-lg px-3 hover:bg-(--color-bg)" aria-label="Close the log">
            Close
          </button>
        </div>
      </header>
      {job?.status === "queued" && job.position != null && (
        <p data-testid="queue-position" className="px-4 pt-2 text-sm text-(--color-muted)">
          Waiting: {job.position} job{job.position === 1 ? "" : "s"} ahead of it on this machine.
        </p>
      )}
      {job && FINAL_STATUSES.includes(job.status) && job.message && (
        <p data-testid="job-message" className="break-words px-4 pt-2 text-sm">{job.message}</p>
      )}
      <pre
        ref={pre}
        data-testid="job-log"
        aria-live="polite"
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
        className="m-0 h-72 overflow-auto whitespace-pre-wrap break-all p-4 font-mono text-xs leading-relaxed"
      >
        {lines.length === 0 ? <span className="text-(--color-muted)">Waiting for output…</span> : lines.map((l) => (
          <div key={l.seq} className={l.stream === "stderr" ? "text-(--color-muted)" : l.stream === "system" ? "text-(--color-accent)" : ""}>{l.text}</div>
        ))}
      </pre>
    </section>
  );
}
