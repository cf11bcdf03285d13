import { describe, expect, it } from "vitest";
import { duration, instant } from "./format";

describe("duration", () => {
  it("says how long in the two largest units", () => {
    expect(duration(45_000)).toBe("45 s");
    expect(duration(90_000)).toBe("1 min 30 s");
    expect(duration(20 * 60_000)).toBe("20 min");
    expect(duration(75 * 60_000)).toBe("1 h 15 min");
    expect(duration(27 * 3_600_000)).toBe("1 d 3 h");
    expect(duration(48 * 3_600_000)).toBe("2 d");
  });
  it("prints instants in UTC", () => {
    expect(instant(Date.UTC(2026, 11, 5, 21, 58, 3))).toBe("2026-12-05 21:58:03 UTC");
  });
});
