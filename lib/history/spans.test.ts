import { describe, expect, it } from "vitest";
import { hourly, tally, uptime } from "./spans";
import { sparkPoints } from "./sparkline";
import { HOUR_MS, STATUS_CODE, type Sample } from "./types";

const T0 = Date.UTC(2026, 11, 1, 10); // 10:00
const s = (at: number, status: keyof typeof STATUS_CODE, latencyMs: number | null = 10): Sample => ({
  at,
  status: STATUS_CODE[status],
  latencyMs: status === "down" ? null : latencyMs,
});
const GAP = 65_000;

describe("tally: each result holds until the next one, at most maxGap", () => {
  it("splits a result that spans an hour's border between both hours", () => {
    const samples = [s(T0 + HOUR_MS - 10_000, "up", 20), s(T0 + HOUR_MS + 20_000, "down"), s(T0 + HOUR_MS + 50_000, "up", 40)];
    const [ten, eleven] = hourly(samples, T0 / HOUR_MS, T0 / HOUR_MS + 2, GAP);
    expect(ten.tally).toMatchObject({ checks: 1, upMs: 10_000, downMs: 0, latencySum: 20, latencyCount: 1, latencyMax: 20 });
    // 20 s of the 10:59:50 result, 30 s down, then the last result holds its 65 s.
    expect(eleven.tally).toMatchObject({ checks: 2, upMs: 20_000 + 65_000, downMs: 30_000, latencySum: 40, latencyCount: 1 });
  });

  it("counts a silence longer than maxGap as no data, neither up nor down", () => {
    const t = tally([s(T0, "down"), s(T0 + 10 * 60_000, "up")], T0, T0 + HOUR_MS, GAP);
    expect(t.downMs).toBe(GAP);
    expect(t.upMs).toBe(GAP);
  });

  it("ends at `to`: an open stretch is not counted past now", () => {
    expect(tally([s(T0, "down")], T0, T0 + 30_000, GAP).downMs).toBe(30_000);
  });

  it("has no uptime without data, and unknown results count for nothing", () => {
    expect(uptime(tally([], T0, T0 + HOUR_MS, GAP))).toBeNull();
    expect(uptime(tally([s(T0, "unknown", null)], T0, T0 + HOUR_MS, GAP))).toBeNull();
    expect(uptime(tally([s(T0, "slow"), s(T0 + 30_000, "down")], T0, T0 + 60_000, GAP))).toBe(0.5);
  });
});

describe("sparkPoints", () => {
  it("scales hourly means into the 48x12 box and skips hours without data", () => {
    expect(sparkPoints([10, null, 20])).toEqual({ spark: "0,6 48,0.5", sparkMaxMs: 20 });
    expect(sparkPoints([null, 5, null]).spark).toBe("");
  });
});
