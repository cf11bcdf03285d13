import { describe, expect, it } from "vitest";
import { contentRange, parseRange } from "./range";

const SIZE = 1000;
const ETAG = '"abc"';

describe("parseRange", () => {
  it("reads the three forms of one range", () => {
    expect(parseRange("bytes=0-99", SIZE)).toEqual({ kind: "partial", start: 0, end: 99 });
    expect(parseRange("bytes=500-", SIZE)).toEqual({ kind: "partial", start: 500, end: 999 });
    expect(parseRange("bytes=-100", SIZE)).toEqual({ kind: "partial", start: 900, end: 999 });
    expect(parseRange("bytes=999-999", SIZE)).toEqual({ kind: "partial", start: 999, end: 999 });
    expect(parseRange(" BYTES = 10 - 20 ", SIZE)).toEqual({ kind: "partial", start: 10, end: 20 });
  });

  it("clips an end or a suffix past the file to the file", () => {
    expect(parseRange("bytes=900-5000", SIZE)).toEqual({ kind: "partial", start: 900, end: 999 });
    expect(parseRange("bytes=-5000", SIZE)).toEqual({ kind: "partial", start: 0, end: 999 });
  });

  it("answers 416 for a valid range with no byte in the file", () => {
    expect(parseRange("bytes=1000-", SIZE)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=1000-2000", SIZE)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-0", SIZE)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(contentRange({ kind: "unsatisfiable" }, SIZE)).toBe("bytes */1000");
    expect(contentRange({ kind: "partial", start: 5, end: 9 }, SIZE)).toBe("bytes 5-9/1000");
    expect(contentRange({ kind: "whole" }, SIZE)).toBeNull();
  });

  it("sends the whole file for no Range, other units, several ranges and anything malformed", () => {
    for (const h of [
      null,
      undefined,
      "",
      "bytes",
      "bytes=",
      "bytes=-",
      "bytes=abc",
      "bytes=5",
      "bytes=10-5",
      "bytes=0-1,5-9",
      "bytes=0-1, 5-",
      "items=0-5",
      "bytes=0x10-20",
      "bytes=1e3-",
      "bytes=-1-2",
      "bytes=+5-9",
      "bytes=5.5-9",
      "bytes=99999999999999999999-",
      "bytes=0-99999999999999999999",
      `bytes=${"0".repeat(300)}-1`,
      "bytes=0-1\u0000",
      "bytes=٠-٩",
    ])
      expect(parseRange(h, SIZE), String(h)).toEqual({ kind: "whole" });
  });

  it("never throws and always answers inside the file, whatever the header", () => {
    const pieces = ["bytes", "=", "-", ",", " ", "0", "7", "999", "1000", "x", "\t", "%", "bytes=", ";"];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % pieces.length;
    for (let i = 0; i < 5000; i++) {
      const h = Array.from({ length: 1 + (i % 9) }, () => pieces[rnd()]).join("");
      const a = parseRange(h, SIZE);
      if (a.kind === "partial") {
        expect(a.start).toBeGreaterThanOrEqual(0);
        expect(a.end).toBeLessThan(SIZE);
        expect(a.start).toBeLessThanOrEqual(a.end);
      }
    }
  });

  it("honours If-Range only with the current strong ETag", () => {
    expect(parseRange("bytes=10-", SIZE, ETAG, ETAG)).toEqual({ kind: "partial", start: 10, end: 999 });
    expect(parseRange("bytes=10-", SIZE, '"other"', ETAG)).toEqual({ kind: "whole" });
    expect(parseRange("bytes=10-", SIZE, "Sun, 06 Dec 2026 06:00:00 GMT", ETAG)).toEqual({ kind: "whole" });
    expect(parseRange("bytes=10-", SIZE, `W/${ETAG}`, ETAG)).toEqual({ kind: "whole" });
    expect(parseRange("bytes=10-", SIZE, null, ETAG)).toEqual({ kind: "partial", start: 10, end: 999 });
  });

  it("refuses nonsense sizes by sending the whole thing", () => {
    expect(parseRange("bytes=0-1", -1)).toEqual({ kind: "whole" });
    expect(parseRange("bytes=0-1", Number.NaN)).toEqual({ kind: "whole" });
    expect(parseRange("bytes=0-1", 1.5)).toEqual({ kind: "whole" });
  });
});
