// One rendered row: the slice [from, to) of a line's plain text cut into pieces that share a
// colour and a search mark. Pure, so highlighting and wrapping are unit-tested without a browser.
import type { Span } from "./ansi-spans";

export type Mark = "none" | "match" | "current";
export type Segment = { text: string; span: Span | null; mark: Mark };
export type Range = { start: number; end: number; current: boolean };

export function rowSegments(plain: string, spans: readonly Span[], ranges: readonly Range[], from: number, to: number): Segment[] {
  const cuts = new Set<number>([from, to]);
  for (const s of spans) for (const c of [s.start, s.end]) if (c > from && c < to) cuts.add(c);
  for (const r of ranges) for (const c of [r.start, r.end]) if (c > from && c < to) cuts.add(c);
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    if (a >= b) continue;
    const span = spans.find((s) => s.start <= a && s.end >= b) ?? null;
    const range = ranges.find((r) => r.start <= a && r.end >= b);
    const mark: Mark = range ? (range.current ? "current" : "match") : "none";
    const last = out.at(-1);
    if (last && last.span === span && last.mark === mark) last.text += plain.slice(a, b);
    else out.push({ text: plain.slice(a, b), span, mark });
  }
  return out;
}
