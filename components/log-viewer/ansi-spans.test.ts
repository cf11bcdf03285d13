import { describe, expect, it } from "vitest";
import { color256, toStyled } from "./ansi-spans";
import { rowSegments } from "./row-segments";

describe("ANSI to spans", () => {
  it("keeps plain text untouched (no spans)", () => {
    expect(toStyled("hello <b>world</b>")).toEqual({ plain: "hello <b>world</b>", spans: [] });
  });
  it("turns SGR colours into spans over the plain text", () => {
    const { plain, spans } = toStyled("ok \u001b[1;31merror\u001b[0m done");
    expect(plain).toBe("ok error done");
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ start: 3, end: 8, fg: "#dc2626", bold: true });
  });
  it("supports 256 and true colour, bright colours, backgrounds and partial resets", () => {
    const { plain, spans } = toStyled("\u001b[38;5;196ma\u001b[48;2;1;2;3mb\u001b[39mc\u001b[92md\u001b[22;49;39me");
    expect(plain).toBe("abcde");
    expect(spans.map((s) => [plain.slice(s.start, s.end), s.fg, s.bg])).toEqual([
      ["a", "rgb(255, 0, 0)", null],
      ["b", "rgb(255, 0, 0)", "rgb(1, 2, 3)"],
      ["c", null, "rgb(1, 2, 3)"],
      ["d", "#22c55e", "rgb(1, 2, 3)"],
    ]);
    expect(color256(232)).toBe("rgb(8, 8, 8)");
    expect(color256(256)).toBeNull();
  });
  it("drops other escapes and control bytes (cursor moves, OSC titles, BEL, CR)", () => {
    expect(toStyled("a\u001b[2Kb\u001b]0;title\u0007c\u0007d\re\u001b[?25l").plain).toBe("abcde");
  });
  it("expands tabs to 8-column stops", () => {
    expect(toStyled("ab\tc\td").plain).toBe("ab      c       d");
  });
  it("never produces markup: HTML in remote text stays text", () => {
    const { plain, spans } = toStyled("\u001b[31m<img src=x onerror=alert(1)>\u001b[0m");
    expect(plain).toBe("<img src=x onerror=alert(1)>");
    expect(rowSegments(plain, spans, [], 0, plain.length)).toEqual([{ text: plain, span: spans[0], mark: "none" }]);
  });
});

describe("row segments", () => {
  it("cuts a wrapped row's slice by colour and search mark", () => {
    const { plain, spans } = toStyled("xx\u001b[32mgreen\u001b[0m needle yy");
    const segs = rowSegments(
      plain,
      spans,
      [
        { start: 4, end: 6, current: false },
        { start: 8, end: 14, current: true },
      ],
      3,
      12,
    );
    expect(segs.map((s) => [s.text, s.span?.fg ?? null, s.mark])).toEqual([
      ["r", "#16a34a", "none"],
      ["ee", "#16a34a", "match"],
      ["n", "#16a34a", "none"],
      [" ", null, "none"],
      ["need", null, "current"],
    ]);
  });
});
