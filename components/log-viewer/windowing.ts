// Fixed-row-height windowing. A shown line takes one row, or, when wrapping, one row per `cols`
// characters; `offsets` maps shown lines to their first row (prefix sums) so both directions
// are a lookup or a binary search.
export type Layout = { rows: number; cols: number | null; offsets: Int32Array | null };

/** `lengths[i]` is the plain length of the i-th shown line; cols null = no wrapping. */
export function buildLayout(count: number, lengthOf: (pos: number) => number, cols: number | null): Layout {
  if (cols === null || cols < 1) return { rows: count, cols: null, offsets: null };
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i] + Math.max(1, Math.ceil(lengthOf(i) / cols));
  return { rows: offsets[count], cols, offsets };
}

/** First row of the shown line at `pos`. */
export function rowOfLine(layout: Layout, pos: number): number {
  if (!layout.offsets) return pos;
  return layout.offsets[Math.max(0, Math.min(pos, layout.offsets.length - 1))];
}

/** The shown line a row belongs to, and which part of it (0 = first row). */
export function lineOfRow(layout: Layout, row: number): { pos: number; part: number } {
  const o = layout.offsets;
  if (!o) return { pos: row, part: 0 };
  let lo = 0;
  let hi = o.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (o[mid] <= row) lo = mid;
    else hi = mid - 1;
  }
  return { pos: lo, part: row - o[lo] };
}

/** Rows to render for a scroll position: [first, end) with overscan, clamped to the content. */
export function visibleRows(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  rows: number,
  overscan = 10,
): { first: number; end: number } {
  const top = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const first = Math.max(0, top - overscan);
  const end = Math.min(rows, top + Math.ceil(viewport / rowHeight) + overscan);
  return { first, end: Math.max(first, end) };
}

/** Following the tail: the view is at the bottom (within one row). */
export function atBottom(scrollTop: number, clientHeight: number, scrollHeight: number, slack: number): boolean {
  return scrollHeight - clientHeight - scrollTop <= slack;
}

/** scrollTop that shows `row` in the middle of the viewport (for jumping to a search match). */
export function centerOn(row: number, rowHeight: number, viewport: number, rows: number): number {
  const max = Math.max(0, rows * rowHeight - viewport);
  return Math.max(0, Math.min(max, row * rowHeight - viewport / 2 + rowHeight / 2));
}
