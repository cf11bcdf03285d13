import { describe, expect, it } from "vitest";
import { checkLock, parseLockSums } from "./lock-hash";

const a = "a".repeat(64);
const b = "0123456789abcdef".repeat(4);

describe("parseLockSums", () => {
  it("reads two sha256 lines", () => {
    expect(parseLockSums(`${a}\n${b}\n`)).toEqual({ committed: a, workTree: b });
  });
  it("is total: anything else is null", () => {
    for (const bad of ["", a, `${a}\n${b}\n${a}`, `${a}\nnot-a-hash`, `${a.toUpperCase()}\n${a}`, `${a}x\n${a}`, "\u0000\n\u0000"])
      expect(parseLockSums(bad)).toBeNull();
  });
});

describe("checkLock", () => {
  it("accepts the recorded lock, or any when nothing was recorded", () => {
    expect(checkLock(`${a}\n${a}`, a)).toEqual({ ok: true, found: a });
    expect(checkLock(`${b}\n${b}`, null)).toEqual({ ok: true, found: b });
  });
  it("refuses another lock, a changed work tree and unreadable output", () => {
    expect(checkLock(`${b}\n${b}`, a)).toMatchObject({ ok: false, found: b, reason: expect.stringMatching(/not the tested aaaaaaaaaaaa/) });
    expect(checkLock(`${a}\n${b}`, a)).toMatchObject({ ok: false, reason: expect.stringMatching(/differs/) });
    expect(checkLock("sha256sum: not found", a)).toMatchObject({ ok: false, found: null });
  });
});
