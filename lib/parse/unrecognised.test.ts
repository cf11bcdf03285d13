import { describe, expect, it } from "vitest";
import { noteUnrecognised, noUnrecognised, parseLines, SAMPLE_CHARS, SAMPLE_LINES } from "./unrecognised";

describe("the unrecognised shape", () => {
  it("counts every line, keeps the first few and cuts long ones", () => {
    const u = noUnrecognised();
    for (let i = 0; i < 10; i++) noteUnrecognised(u, i === 0 ? "x".repeat(SAMPLE_CHARS + 50) : `line ${i}`);
    expect(u.count).toBe(10);
    expect(u.sample).toHaveLength(SAMPLE_LINES);
    expect(u.sample[0]).toBe(`${"x".repeat(SAMPLE_CHARS)}…`);
    expect(u.sample.slice(1)).toEqual(["line 1", "line 2"]);
  });

  it("parseLines skips blank lines and samples what `parse` refused, as `shown` gives it", () => {
    const r = parseLines(
      "1\n\n two \nx\r\n3\n",
      (l) => (/^\d+$/.test(l.trim()) ? Number(l) : null),
      (l) => `[${l.trim()}]`,
    );
    expect(r).toEqual({ items: [1, 3], unrecognised: { count: 2, sample: ["[two]", "[x]"] } });
  });
});
