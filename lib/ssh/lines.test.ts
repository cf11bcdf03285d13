import { describe, expect, it } from "vitest";
import { LineSplitter, truncationMarker } from "./lines";

function split(chunks: (Buffer | string)[], max?: number): string[] {
  const out: string[] = [];
  const s = new LineSplitter((l) => out.push(l), max);
  for (const c of chunks) s.push(c);
  s.end();
  return out;
}

describe("LineSplitter", () => {
  it("splits lines, joins partial lines across chunks and keeps a final line without newline", () => {
    expect(split(["a\nb", "c\n", "\nd"])).toEqual(["a", "bc", "", "d"]);
  });

  it("strips \\r of \\r\\n even when split across chunks, keeps a lone \\r", () => {
    expect(split(["one\r", "\ntwo\r\n", "a\rb\n"])).toEqual(["one", "two", "a\rb"]);
  });

  it("emits nothing for empty input and no extra line after a trailing newline", () => {
    expect(split([])).toEqual([]);
    expect(split(["x\n"])).toEqual(["x"]);
  });

  it("decodes UTF-8 split inside a multi-byte character", () => {
    const bytes = Buffer.from("héllo 🙂 wörld\n", "utf8");
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(split(chunks)).toEqual(["héllo 🙂 wörld"]);
  });

  it("replaces invalid and truncated UTF-8 instead of failing", () => {
    expect(split([Buffer.from([0x61, 0xff, 0x0a]), Buffer.from([0xe2, 0x82])])).toEqual(["a\ufffd", "\ufffd"]);
  });

  it("cuts over-long lines with a marker and keeps memory bounded", () => {
    const lines = split(["x".repeat(5), "y".repeat(10), "\nshort\n", "z".repeat(11)], 8);
    expect(lines).toEqual(["xxxxxyyy" + truncationMarker(7), "short", "zzzzzzzz" + truncationMarker(3)]);
  });

  it("keeps a line of exactly the limit, also with \\r\\n", () => {
    expect(split(["12345678\r\n", "12345678\n", "123456789\n"], 8)).toEqual(["12345678", "12345678", "12345678" + truncationMarker(1)]);
  });

  it("does not split a surrogate pair when cutting", () => {
    const [line] = split(["abc🙂def\n"], 4);
    expect(line).toBe("abc" + truncationMarker(5)); // counted in UTF-16 code units
  });
});
