import { describe, expect, it } from "vitest";
import { journalPriority, journalTime, systemdUtc } from "./journal-filters";

describe("journal filters", () => {
  const now = new Date("2026-11-26T14:00:00Z");
  it("maps priority names and digits to numbers", () => {
    expect(["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"].map((p) => journalPriority(p))).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
    expect([journalPriority(3), journalPriority("7"), journalPriority("error"), journalPriority("warn")]).toEqual([3, 7, 3, 4]);
    expect(() => journalPriority("toString")).toThrow(/priority must be 0-7/);
  });
  it("resolves relative and ISO times to absolute UTC instants", () => {
    expect(journalTime("-90min", "since", now).toISOString()).toBe("2026-11-26T12:30:00.000Z");
    expect(journalTime("-2d", "since", now).toISOString()).toBe("2026-11-24T14:00:00.000Z");
    expect(journalTime("-1 h", "since", now).toISOString()).toBe("2026-11-26T13:00:00.000Z");
    expect(journalTime("now", "until", now)).toBe(now);
    expect(journalTime("2026-11-26 15:00+01:00", "since", now).toISOString()).toBe("2026-11-26T14:00:00.000Z");
  });
  it("formats times the way journalctl 252 accepts them", () => {
    expect(systemdUtc(new Date("2026-11-26T14:01:02Z"))).toBe("2026-11-26 14:01:02 UTC");
    expect(systemdUtc(new Date("2026-11-26T14:01:02.5Z"))).toBe("2026-11-26 14:01:02.500 UTC");
  });
});
