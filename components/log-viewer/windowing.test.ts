import { describe, expect, it } from "vitest";
import { atBottom, buildLayout, centerOn, lineOfRow, rowOfLine, visibleRows } from "./windowing";

describe("windowing", () => {
  it("one row per line without wrapping", () => {
    const l = buildLayout(200_000, () => 500, null);
    expect(l.rows).toBe(200_000);
    expect(lineOfRow(l, 123_456)).toEqual({ pos: 123_456, part: 0 });
    expect(rowOfLine(l, 99)).toBe(99);
  });
  it("wrapped lines take ceil(length / cols) rows, empty lines one", () => {
    const lengths = [0, 10, 11, 25, 3];
    const l = buildLayout(lengths.length, (i) => lengths[i], 10);
    expect(l.rows).toBe(1 + 1 + 2 + 3 + 1);
    expect([0, 1, 2, 3, 4].map((p) => rowOfLine(l, p))).toEqual([0, 1, 2, 4, 7]);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((r) => lineOfRow(l, r))).toEqual([
      { pos: 0, part: 0 },
      { pos: 1, part: 0 },
      { pos: 2, part: 0 },
      { pos: 2, part: 1 },
      { pos: 3, part: 0 },
      { pos: 3, part: 1 },
      { pos: 3, part: 2 },
      { pos: 4, part: 0 },
    ]);
  });
  it("row <-> line round-trips on a large wrapped layout", () => {
    const len = (i: number) => (i * 37) % 300;
    const l = buildLayout(200_000, len, 80);
    for (const pos of [0, 1, 77_777, 199_999]) {
      const row = rowOfLine(l, pos);
      expect(lineOfRow(l, row)).toEqual({ pos, part: 0 });
      const rowsOfLine = Math.max(1, Math.ceil(len(pos) / 80));
      expect(lineOfRow(l, row + rowsOfLine - 1)).toEqual({ pos, part: rowsOfLine - 1 });
    }
  });
  it("renders a bounded window with overscan, clamped to the content", () => {
    expect(visibleRows(0, 400, 20, 200_000, 10)).toEqual({ first: 0, end: 30 });
    expect(visibleRows(2_000_000, 400, 20, 200_000, 10)).toEqual({ first: 99_990, end: 100_030 });
    expect(visibleRows(3_999_700, 400, 20, 200_000, 10)).toEqual({ first: 199_975, end: 200_000 });
    expect(visibleRows(0, 400, 20, 3, 10)).toEqual({ first: 0, end: 3 });
  });
  it("knows when the view is at the bottom (following the tail)", () => {
    expect(atBottom(980, 200, 1200, 20)).toBe(true);
    expect(atBottom(900, 200, 1200, 20)).toBe(false);
  });
  it("centres a row in the viewport, clamped", () => {
    expect(centerOn(1000, 20, 400, 200_000)).toBe(1000 * 20 - 200 + 10);
    expect(centerOn(0, 20, 400, 200_000)).toBe(0);
    expect(centerOn(199_999, 20, 400, 200_000)).toBe(200_000 * 20 - 400);
  });
});
