// Keeps a job log's lines in sequence: accepts only the next seq, counts repeats and gaps (both
// must stay 0 when the server keeps its promise) so tests and the UI can see it.
import type { WireLogLine } from "@/lib/live/events";

export type SeqStats = { lastSeq: number; received: number; repeats: number; gaps: number };

export function newSeqStats(): SeqStats {
  return { lastSeq: 0, received: 0, repeats: 0, gaps: 0 };
}

/** The lines to append (in order); `gap` when a line was missing: re-subscribe from lastSeq. */
export function acceptLines(s: SeqStats, lines: readonly WireLogLine[]): { accepted: WireLogLine[]; gap: boolean } {
  const accepted: WireLogLine[] = [];
  for (const l of lines) {
    if (l.seq <= s.lastSeq) {
      s.repeats++;
      continue;
    }
    if (l.seq !== s.lastSeq + 1) {
      s.gaps++;
      return { accepted, gap: true };
    }
    accepted.push(l);
    s.lastSeq = l.seq;
    s.received++;
  }
  return { accepted, gap: false };
}
