"use client";
// Reading a job's stored log over HTTP (GET /api/jobs/<id>/log?after=), page by page, then every
// second while the job runs. Only used when the server's socket has no job subscriptions.
import type { WireJob, WireLogLine } from "@/lib/live/events";
import { acceptLines, type SeqStats } from "./seq-tracker";

type StoredLine = { seq: number; stream: WireLogLine["stream"]; text: string; at: string };

export function pollJobLog(
  jobId: number,
  stats: SeqStats,
  append: (lines: WireLogLine[]) => void,
  onJob: (job: WireJob) => void,
): () => void {
  let stopped = false;
  const loop = async () => {
    while (!stopped) {
      try {
        const jobRes = await fetch(`/api/jobs/${jobId}`, { cache: "no-store" });
        const job = jobRes.ok ? ((await jobRes.json()) as { job: WireJob }).job : null;
        for (;;) {
          const res = await fetch(`/api/jobs/${jobId}/log?after=${stats.lastSeq}&limit=5000`, { cache: "no-store" });
          if (!res.ok || stopped) break;
          const { lines } = (await res.json()) as { lines: StoredLine[] };
          const { accepted } = acceptLines(
            stats,
            lines.map((l) => ({ ...l, at: Date.parse(l.at) })),
          );
          if (accepted.length) append(accepted);
          if (lines.length < 5000) break;
        }
        if (job) onJob(job);
        if (job && !["queued", "running"].includes(job.status)) return;
      } catch {
        // offline for a moment: try again
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  void loop();
  return () => {
    stopped = true;
  };
}
