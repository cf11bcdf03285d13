import { describe, expect, it } from "vitest";
import { clock, rangeText } from "./copy-text";
import { acceptLines, newSeqStats } from "./seq-tracker";
import { displayOf } from "./nix-display";
import { LEVEL } from "./line-store";

describe("copying", () => {
  const store = { text: ["one", "\u001b[31mtwo\u001b[0m", "three", "four"], at: [0, 1000, 2000, 3000] };
  it("copies one line as plain text", () => {
    expect(rangeText(store, [0, 1, 2, 3], 1, 1)).toBe("two");
  });
  it("copies a range in either click order, only the shown lines", () => {
    expect(rangeText(store, [0, 1, 3], 2, 0)).toBe("one\ntwo\nfour");
    expect(rangeText(store, [0, 1, 2, 3], 1, 2, true)).toBe(`${clock(1000)} two\n${clock(2000)} three`);
  });
  it("formats a clock with milliseconds", () => {
    expect(clock(new Date(2026, 0, 2, 3, 4, 5, 6).getTime())).toBe("03:04:05.006");
  });
});

describe("sequence tracking", () => {
  const line = (seq: number) => ({ seq, stream: "stdout" as const, text: String(seq), at: 0 });
  it("accepts the next lines, counts repeats and stops at a gap", () => {
    const s = newSeqStats();
    expect(acceptLines(s, [line(1), line(2)]).accepted.map((l) => l.seq)).toEqual([1, 2]);
    const again = acceptLines(s, [line(2), line(3)]);
    expect(again.accepted.map((l) => l.seq)).toEqual([3]);
    expect(s.repeats).toBe(1);
    const gap = acceptLines(s, [line(5), line(6)]);
    expect(gap).toEqual({ accepted: [], gap: true });
    expect(s).toEqual({ lastSeq: 3, received: 3, repeats: 1, gaps: 1 });
  });
});

describe("nix lines in a job log", () => {
  it("shows messages and build output, hides progress bookkeeping", () => {
    expect(displayOf("stderr", '@nix {"action":"msg","level":0,"msg":"\\u001b[31;1merror:\\u001b[0m builder failed"}')).toEqual({
      text: "error: builder failed",
      level: LEVEL.error,
    });
    expect(displayOf("stderr", '@nix {"action":"result","fields":["[1/3] compiling slow-package part 1"],"id":12,"type":101}')).toEqual({
      text: "[1/3] compiling slow-package part 1",
      level: LEVEL.normal,
    });
    expect(displayOf("stderr", '@nix {"action":"result","fields":[0,1,0,0],"id":128849018881,"type":105}').level).toBe(LEVEL.hidden);
    expect(displayOf("stderr", '@nix {"action":"stop","id":5}').level).toBe(LEVEL.hidden);
    expect(
      displayOf(
        "stderr",
        '@nix {"action":"start","id":7,"level":3,"type":105,"text":"building","fields":["/nix/store/ggz0yxzjh3xhwxw1l5v1djpk0f0fz3b6-nixos-system-frame2.drv"]}',
      ).text,
    ).toBe("building nixos-system-frame2");
    expect(displayOf("stderr", "ssh: connection reset")).toEqual({ text: "ssh: connection reset", level: LEVEL.stderr });
    expect(displayOf("system", "$ Build frame2")).toEqual({ text: "$ Build frame2", level: LEVEL.system });
  });
});
