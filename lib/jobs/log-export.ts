import "server-only";
// The whole stored log of a job as a text stream (one stored line per line, raw as written),
// read in pages so a 200,000-line log never sits in memory at once.
import { db } from "../db/client";
import { loadJob } from "./job-store";
import { readLog } from "./log-read";

const PAGE = 5000;

/** Throws NotFoundError for an unknown job before anything is streamed. */
export async function jobLogText(id: number): Promise<{ stream: ReadableStream<Uint8Array>; filename: string }> {
  const job = await loadJob(db(), id);
  const encoder = new TextEncoder();
  let after = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const lines = await readLog(db(), id, after, PAGE);
      if (lines.length === 0) return controller.close();
      after = lines[lines.length - 1].seq;
      controller.enqueue(encoder.encode(lines.map((l) => `${l.text}\n`).join("")));
    },
  });
  return { stream, filename: `job-${job.id}-${job.kind}-${job.machine.name}.log` };
}
