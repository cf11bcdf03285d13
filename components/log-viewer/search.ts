// Search over the shown lines: every match (line, start, end) in order, for highlighting, the
// "3 of 41" counter and next/previous; and the lines with a match, for the filter mode.
export type Query = { text: string; regex: boolean; caseSensitive: boolean };
export type Matches = { line: Int32Array; start: Int32Array; end: Int32Array; count: number; truncated: boolean };

export const EMPTY_MATCHES: Matches = {
  line: new Int32Array(0),
  start: new Int32Array(0),
  end: new Int32Array(0),
  count: 0,
  truncated: false,
};
export const MAX_MATCHES = 1_000_000;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The query as a global regex; null for an empty query; an error message for a bad regex. */
export function compileQuery(q: Query): RegExp | null | { error: string } {
  if (q.text === "") return null;
  try {
    return new RegExp(q.regex ? q.text : escape(q.text), q.caseSensitive ? "g" : "gi");
  } catch (err) {
    return { error: err instanceof Error ? err.message : "invalid regular expression" };
  }
}

/** Matches in the lines `candidates` (store indices, ascending); `plain(i)` is line i's text. */
export function findMatches(candidates: ArrayLike<number>, plain: (i: number) => string, re: RegExp, limit = MAX_MATCHES): Matches {
  let size = 256;
  let line = new Int32Array(size);
  let start = new Int32Array(size);
  let end = new Int32Array(size);
  let count = 0;
  for (let c = 0; c < candidates.length; c++) {
    const i = candidates[c];
    const text = plain(i);
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0] === "") {
        re.lastIndex++; // an empty match highlights nothing; step over it
        continue;
      }
      if (count === limit) return { line, start, end, count, truncated: true };
      if (count === size) {
        size *= 2;
        const grow = (a: Int32Array) => {
          const b = new Int32Array(size);
          b.set(a);
          return b;
        };
        [line, start, end] = [grow(line), grow(start), grow(end)];
      }
      line[count] = i;
      start[count] = m.index;
      end[count] = m.index + m[0].length;
      count++;
    }
  }
  return { line, start, end, count, truncated: false };
}

/** Store indices of the lines with at least one match, ascending. */
export function matchingLines(m: Matches): Int32Array {
  const out = new Int32Array(m.count);
  let n = 0;
  for (let k = 0; k < m.count; k++) if (n === 0 || out[n - 1] !== m.line[k]) out[n++] = m.line[k];
  return out.slice(0, n);
}

/** First index k with m.line[k] >= line (binary search). */
export function firstMatchAtOrAfter(m: Matches, line: number): number {
  let lo = 0;
  let hi = m.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (m.line[mid] < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The matches [from, to) inside one line, for highlighting it. */
export function matchesInLine(m: Matches, line: number): { from: number; to: number } {
  const from = firstMatchAtOrAfter(m, line);
  let to = from;
  while (to < m.count && m.line[to] === line) to++;
  return { from, to };
}

/** Next (+1) or previous (-1) match index, wrapping around; -1 when there is none. */
export function stepMatch(current: number, count: number, dir: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return dir === 1 ? 0 : count - 1;
  return (current + dir + count) % count;
}

/** Position of a sorted store index in a sorted list of shown indices (or where it would go). */
export function positionOf(shown: ArrayLike<number>, index: number): number {
  let lo = 0;
  let hi = shown.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (shown[mid] < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
