// What the viewer shows, kept up to date incrementally as lines arrive: the visible lines (not
// hidden), the search matches among them, and, in filter mode, only the lines with a match.
import type { LineStore } from "./line-store";
import { LEVEL } from "./line-store";
import { plainOf } from "./ansi-spans";
import { EMPTY_MATCHES, findMatches, matchingLines, type Matches } from "./search";

function concatInt(a: Int32Array, b: Int32Array): Int32Array {
  if (b.length === 0) return a;
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function concatMatches(a: Matches, b: Matches): Matches {
  if (b.count === 0) return a;
  if (a.count === 0) return b;
  const cut = (m: Matches, k: keyof Pick<Matches, "line" | "start" | "end">) => m[k].subarray(0, m.count);
  return {
    line: concatInt(cut(a, "line"), cut(b, "line")),
    start: concatInt(cut(a, "start"), cut(b, "start")),
    end: concatInt(cut(a, "end"), cut(b, "end")),
    count: a.count + b.count,
    truncated: a.truncated || b.truncated,
  };
}

export class ViewIndex {
  private generation = -1;
  private scanned = 0;
  private key = "";
  visible: Int32Array = new Int32Array(0);
  matches: Matches = EMPTY_MATCHES;
  matched: Int32Array = new Int32Array(0);

  /** The index brought up to the store's content for a query (null = no search). Cheap when
   * nothing changed, and the arrays keep their identity then, so it may run on every render. */
  view(store: LineStore, re: RegExp | null, key: string): { visible: Int32Array; matches: Matches; matched: Int32Array } {
    this.update(store, re, key);
    return { visible: this.visible, matches: this.matches, matched: this.matched };
  }

  /** Brings the index up to the store's content for a query (null = no search). */
  update(store: LineStore, re: RegExp | null, key: string): void {
    if (store.generation !== this.generation || key !== this.key) {
      this.generation = store.generation;
      this.key = key;
      this.scanned = 0;
      this.visible = new Int32Array(0);
      this.matches = EMPTY_MATCHES;
      this.matched = new Int32Array(0);
    }
    if (this.scanned >= store.length) return;
    const fresh: number[] = [];
    for (let i = this.scanned; i < store.length; i++) if (store.level[i] !== LEVEL.hidden) fresh.push(i);
    this.scanned = store.length;
    const added = Int32Array.from(fresh);
    this.visible = concatInt(this.visible, added);
    if (!re) return;
    const found = findMatches(added, (i) => plainOf(store.text[i]), re);
    this.matches = concatMatches(this.matches, found);
    this.matched = concatInt(this.matched, matchingLines(found));
  }
}
