// Lines in compact parallel arrays (typed arrays for numbers, one string per line), appended in
// order; an optional cap drops the oldest lines in blocks so a long-running journal stays bounded.
import { plainOf } from "./ansi-spans";
export const LEVEL = { normal: 0, stderr: 1, warn: 2, error: 3, system: 4, hidden: 5 } as const;
export type Level = (typeof LEVEL)[keyof typeof LEVEL];

export type NewLine = { seq: number; at: number; level: Level; text: string };

export class LineStore {
  seq = new Float64Array(1024);
  at = new Float64Array(1024);
  level = new Uint8Array(1024);
  /** Plain width (characters without escapes) of each line, for wrapping. */
  width = new Uint32Array(1024);
  text: string[] = [];
  length = 0;
  /** Lines dropped from the front so far (because of the cap). */
  dropped = 0;
  /** Longest plain line so far (columns), for the horizontal scroll width. */
  maxColumns = 0;
  /** Bumped whenever indices shift (drop or clear): derived indexes must be rebuilt. */
  generation = 0;

  constructor(readonly cap = Infinity) {}

  private grow(min: number): void {
    let size = this.seq.length;
    while (size < min) size *= 2;
    if (size === this.seq.length) return;
    const copy = <T extends Float64Array | Uint8Array | Uint32Array>(a: T, make: (n: number) => T) => {
      const b = make(size);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.seq = copy(this.seq, (n) => new Float64Array(n));
    this.at = copy(this.at, (n) => new Float64Array(n));
    this.level = copy(this.level, (n) => new Uint8Array(n));
    this.width = copy(this.width, (n) => new Uint32Array(n));
  }

  push(lines: readonly NewLine[]): void {
    this.grow(this.length + lines.length);
    for (const l of lines) {
      const i = this.length++;
      this.seq[i] = l.seq;
      this.at[i] = l.at;
      this.level[i] = l.level;
      this.text.push(l.text);
      const w = plainOf(l.text).length;
      this.width[i] = w;
      if (w > this.maxColumns && l.level !== LEVEL.hidden) this.maxColumns = w;
    }
    if (this.length > this.cap) this.drop(this.length - Math.floor(this.cap * 0.9));
  }

  private drop(n: number): void {
    this.seq.copyWithin(0, n, this.length);
    this.at.copyWithin(0, n, this.length);
    this.level.copyWithin(0, n, this.length);
    this.width.copyWithin(0, n, this.length);
    this.text.splice(0, n);
    this.length -= n;
    this.dropped += n;
    this.generation++;
  }

  clear(): void {
    this.text = [];
    this.length = 0;
    this.dropped = 0;
    this.maxColumns = 0;
    this.generation++;
  }

  lastSeq(): number {
    return this.length ? this.seq[this.length - 1] : 0;
  }
}
