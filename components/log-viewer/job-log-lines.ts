// A job's log as the browser keeps it: the lines for the viewer (nix's internal-json shown as
// text), the seq bookkeeping that proves nothing was missed or repeated, and the build progress
// read from the same lines. Mutable, like LineStore: the hook re-renders by version.
import type { WireLogLine } from "@/lib/live/events";
import { initialBuildProgress, reduceBuildProgress, type BuildProgress } from "@/lib/nix/build-progress";
import { parseNixLine } from "@/lib/nix/internal-json";
import { LineStore, type NewLine } from "./line-store";
import { displayOf } from "./nix-display";
import { acceptLines, newSeqStats, type SeqStats } from "./seq-tracker";

export class JobLogLines {
  readonly store = new LineStore();
  readonly stats: SeqStats = newSeqStats();
  progress: BuildProgress | null = null;

  /** Adds the lines that come next in seq order; true when one was missing (re-subscribe from stats.lastSeq). */
  take(lines: readonly WireLogLine[]): boolean {
    const { accepted, gap } = acceptLines(this.stats, lines);
    if (accepted.length) this.store.push(accepted.map((l) => this.shown(l)));
    return gap;
  }

  private shown(l: WireLogLine): NewLine {
    if (l.text.startsWith("@nix ")) {
      const e = parseNixLine(l.text);
      if (e) this.progress = reduceBuildProgress(this.progress ?? initialBuildProgress, e, 5);
    }
    const { level, text } = displayOf(l.stream, l.text);
    return { seq: l.seq, at: l.at, level, text };
  }
}
