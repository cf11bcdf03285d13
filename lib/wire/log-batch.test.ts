import { describe, expect, it } from "vitest";
import { lastSeqOf, packLines, storedBody, unpackLines, unpackStored, type PlainLine } from "./log-batch";

const line = (seq: number, stream: PlainLine["stream"], text: string, at: number): PlainLine => ({ seq, stream, text, at });

describe("log batches", () => {
  it("packs streams and times as runs and unpacks to the same lines", () => {
    const lines = [
      line(7, "stdout", "a", 1000),
      line(8, "stdout", "b \u001b[31mred\u001b[0m", 1000),
      line(9, "stderr", "", 1000),
      line(10, "stderr", 'quote " and \\ backslash', 1001),
      line(11, "system", "done", 1002),
    ];
    const b = packLines(lines);
    expect(b).toEqual({
      first: 7,
      count: 5,
      text: 'a\nb \u001b[31mred\u001b[0m\n\nquote " and \\ backslash\ndone',
      streams: [
        ["stdout", 2],
        ["stderr", 2],
        ["system", 1],
      ],
      at: [
        [1000, 3],
        [1001, 1],
        [1002, 1],
      ],
    });
    expect(lastSeqOf(b)).toBe(11);
    expect(unpackLines(JSON.parse(JSON.stringify(b)))).toEqual(lines);
  });

  it("keeps one line per line when a text holds a newline (shown as U+2424)", () => {
    const b = packLines([line(1, "system", "two\nparts", 0), line(2, "stdout", "", 0)]);
    expect(unpackLines(b).map((l) => l.text)).toEqual(["two\u2424parts", ""]);
  });

  it("takes Date times as well as epoch milliseconds", () => {
    const b = packLines([{ seq: 1, stream: "stdout", text: "x", at: new Date(5000) }]);
    expect(b.at).toEqual([[5000, 1]]);
  });

  it("refuses lines that are not consecutive, and runs that do not cover the texts", () => {
    expect(() => packLines([line(1, "stdout", "a", 0), line(3, "stdout", "b", 0)])).toThrow(/seq 3 after 1/);
    expect(() => packLines([])).toThrow(/no lines/);
    expect(() => unpackLines({ first: 1, count: 2, text: "a\nb", streams: [["stdout", 1]], at: [[0, 2]] })).toThrow(/runs/);
    expect(() => unpackLines({ first: 1, count: 1, text: "a", streams: [["stdout", 2]], at: [[0, 1]] })).toThrow(/runs/);
    expect(() =>
      unpackLines({
        first: 1,
        count: 1,
        text: "a",
        streams: [
          ["stdout", 0],
          ["stdout", 1],
        ],
        at: [[0, 1]],
      }),
    ).toThrow(/runs/);
    expect(() => unpackLines({ first: 1, count: 3, text: "a\nb", streams: [["stdout", 3]], at: [[0, 3]] })).toThrow(/2 lines, expected 3/);
  });
});

describe("stored batches", () => {
  it("round-trip through the stored body with first as a separate column", () => {
    const lines = [line(41, "stderr", "x", 9), line(42, "stdout", "y", 10)];
    const b = packLines(lines);
    expect(JSON.parse(storedBody(b))).not.toHaveProperty("first");
    expect(unpackStored(41, storedBody(b))).toEqual(lines);
  });
});
