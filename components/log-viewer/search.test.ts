import { describe, expect, it } from "vitest";
import { LEVEL, LineStore } from "./line-store";
import { compileQuery, findMatches, firstMatchAtOrAfter, matchesInLine, matchingLines, stepMatch } from "./search";
import { ViewIndex } from "./view-index";

const lines = ["alpha beta", "Beta gamma beta", "delta", "a.b a+b", "BETA"];

describe("search", () => {
  it("finds every match, case-insensitive, literal by default", () => {
    const re = compileQuery({ text: "beta", regex: false, caseSensitive: false }) as RegExp;
    const m = findMatches([0, 1, 2, 3, 4], (i) => lines[i], re);
    expect(m.count).toBe(4);
    expect(Array.from(m.line.subarray(0, m.count))).toEqual([0, 1, 1, 4]);
    expect([m.start[1], m.end[1], m.start[2]]).toEqual([0, 4, 11]);
    expect(Array.from(matchingLines(m))).toEqual([0, 1, 4]);
    expect(matchesInLine(m, 1)).toEqual({ from: 1, to: 3 });
    expect(firstMatchAtOrAfter(m, 2)).toBe(3);
  });
  it("escapes regex characters unless regex mode is on; reports a bad regex", () => {
    const literal = compileQuery({ text: "a.b", regex: false, caseSensitive: false }) as RegExp;
    expect(findMatches([3], (i) => lines[i], literal).count).toBe(1);
    const rx = compileQuery({ text: "a.b", regex: true, caseSensitive: false }) as RegExp;
    expect(findMatches([3], (i) => lines[i], rx).count).toBe(2);
    expect(compileQuery({ text: "(", regex: true, caseSensitive: false })).toHaveProperty("error");
    expect(compileQuery({ text: "", regex: true, caseSensitive: false })).toBeNull();
  });
  it("skips empty matches instead of looping", () => {
    const re = compileQuery({ text: "x*", regex: true, caseSensitive: false }) as RegExp;
    expect(findMatches([0], () => "abxxc", re).count).toBe(1);
  });
  it("stops at the limit and says so", () => {
    const re = compileQuery({ text: "a", regex: false, caseSensitive: false }) as RegExp;
    const m = findMatches([0], () => "aaaaa", re, 3);
    expect([m.count, m.truncated]).toEqual([3, true]);
  });
  it("steps next/previous with wrap-around", () => {
    expect(stepMatch(-1, 41, 1)).toBe(0);
    expect(stepMatch(-1, 41, -1)).toBe(40);
    expect(stepMatch(40, 41, 1)).toBe(0);
    expect(stepMatch(0, 41, -1)).toBe(40);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});

describe("view index (incremental)", () => {
  it("adds new lines' matches as they arrive, skips hidden lines, rebuilds when the query changes", () => {
    const store = new LineStore();
    const idx = new ViewIndex();
    const re = compileQuery({ text: "err", regex: false, caseSensitive: false }) as RegExp;
    store.push([
      { seq: 1, at: 0, level: LEVEL.normal, text: "ok" },
      { seq: 2, at: 0, level: LEVEL.hidden, text: "err hidden" },
      { seq: 3, at: 0, level: LEVEL.error, text: "an error" },
    ]);
    idx.update(store, re, "err");
    expect(Array.from(idx.visible)).toEqual([0, 2]);
    expect(Array.from(idx.matched)).toEqual([2]);
    store.push([{ seq: 4, at: 0, level: LEVEL.normal, text: "ERR ERR" }]);
    idx.update(store, re, "err");
    expect(idx.matches.count).toBe(3);
    expect(Array.from(idx.matched)).toEqual([2, 3]);
    idx.update(store, null, "");
    expect([idx.matches.count, idx.visible.length]).toEqual([0, 3]);
  });
  it("rebuilds after the capped store dropped old lines", () => {
    const store = new LineStore(10);
    const idx = new ViewIndex();
    const re = compileQuery({ text: "x", regex: false, caseSensitive: false }) as RegExp;
    store.push(Array.from({ length: 8 }, (_, i) => ({ seq: i + 1, at: 0, level: LEVEL.normal, text: i % 2 ? "x" : "y" })));
    idx.update(store, re, "x");
    expect(idx.matches.count).toBe(4);
    store.push(Array.from({ length: 5 }, (_, i) => ({ seq: 9 + i, at: 0, level: LEVEL.normal, text: "x" })));
    expect(store.length).toBe(9);
    expect(store.dropped).toBe(4);
    idx.update(store, re, "x");
    expect(idx.visible.length).toBe(9);
    expect(idx.matches.count).toBe(store.text.filter((t) => t === "x").length);
  });
});
