import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import type { HealthResult, HealthStatus } from "../health/types";
import { HistoryStore } from "./store";
import { DAY_MS, HOUR_MS } from "./types";

const t = useTestDatabase();
const T0 = Date.UTC(2026, 10, 1, 0); // hour-aligned
const STEP = 30_000;
const GAP = 65_000;

const result = (status: HealthStatus, at: number): HealthResult => ({
  status,
  latencyMs: status === "down" ? null : 12,
  detail: status === "down" ? "connection refused" : "HTTP 200",
  checkedAt: new Date(at).toISOString(),
});

/** Rounds every STEP from `from`, `statusAt(i)` per key; returns the time after the last round. */
async function feed(store: HistoryStore, from: number, rounds: number, statusAt: (i: number) => Record<string, HealthStatus>) {
  for (let i = 0; i < rounds; i++) {
    const at = from + i * STEP;
    await store.record(Object.fromEntries(Object.entries(statusAt(i)).map(([k, st]) => [k, result(st, at)])));
  }
  return from + rounds * STEP;
}

describe("HistoryStore", () => {
  it("a 30-minute outage is one incident of 30 minutes, and uptime is the same before and after roll-up", async () => {
    const store = new HistoryStore({ retentionDays: 90, maxGapMs: GAP });
    // 3 h of checks; down from minute 60 to minute 90.
    const now = await feed(store, T0, 360, (i) => ({ "service:web": i >= 120 && i < 180 ? "down" : "up" }));
    const incidents = await store.incidents("service:web", now);
    expect(incidents).toEqual([
      { startedAt: T0 + HOUR_MS, endedAt: T0 + HOUR_MS + 30 * 60_000, durationMs: 30 * 60_000, detail: "connection refused" },
    ]);
    const before = await store.uptime("service:web", now);
    expect(before[0]).toBeCloseTo(150 / 180, 6);
    const rolled = await store.rollUp(now);
    expect(rolled.hours).toBe(2); // the third hour is not complete
    expect(await store.uptime("service:web", now)).toEqual(before);
    const tiles = await store.tileHistory(["service:web", "service:none"], now);
    expect(tiles["service:web"].uptime.day).toBeCloseTo(150 / 180, 6);
    expect(tiles["service:web"].uptime.month).toBeCloseTo(150 / 180, 6);
    expect(tiles["service:web"].spark).not.toBe("");
    expect(tiles["service:none"]).toEqual({ uptime: { day: null, week: null, month: null }, spark: "", sparkMaxMs: 0 });

    // Two days on: samples are pruned (kept a day), buckets carry the 30-day figure; the last day has no data.
    // The last result (at 2:59:30) now holds its full 65 s: 35 s of it fall into the next hour's bucket.
    const later = now + 2 * DAY_MS;
    const second = await store.rollUp(later);
    expect(second.hours).toBe(2);
    expect(second.pruned.samples).toBe(360);
    expect(await t.client().healthSample.count()).toBe(0);
    const [day, week, month] = await store.uptime("service:web", later);
    expect(day).toBeNull();
    expect(week).toBeCloseTo((150 * 60 + 35) / (180 * 60 + 35), 9);
    expect(month).toBe(week);
  });

  it("an incident still open lasts until now", async () => {
    const store = new HistoryStore({ retentionDays: 90, maxGapMs: GAP });
    const from = T0 + 10 * DAY_MS;
    const end = await feed(store, from, 20, (i) => ({ "service:open": i < 10 ? "up" : "down" }));
    const [incident] = await store.incidents("service:open", end + 5_000);
    expect(incident).toMatchObject({ startedAt: from + 10 * STEP, endedAt: null, durationMs: end + 5_000 - (from + 10 * STEP) });
    // A new store (a restart) finds the open incident and closes it at the next up result.
    const again = new HistoryStore({ retentionDays: 90, maxGapMs: GAP });
    await again.record({ "service:open": result("up", end) });
    const [closed] = await again.incidents("service:open", end + DAY_MS);
    expect(closed).toMatchObject({ endedAt: end, durationMs: end - (from + 10 * STEP) });
    expect(await again.incidents("service:open", end + DAY_MS)).toHaveLength(1);
  });

  it("has no data for a series it never saw, and drops buckets and incidents past the retention", async () => {
    const store = new HistoryStore({ retentionDays: 2, maxGapMs: GAP, pruneLimit: 1_000_000 });
    expect(await store.uptime("service:never", T0)).toEqual([null, null, null]);
    expect(await store.incidents("service:never", T0)).toEqual([]);
    const from = T0 + 20 * DAY_MS;
    const end = await feed(store, from, 240, (i) => ({ "service:old": i === 5 ? "down" : "up" }));
    await store.rollUp(end + HOUR_MS);
    expect(await store.incidents("service:old", end)).toHaveLength(1);
    const r = await store.rollUp(end + 3 * DAY_MS);
    expect(r.pruned.incidents).toBeGreaterThanOrEqual(1);
    expect(r.pruned.buckets).toBeGreaterThanOrEqual(2);
    expect(await store.incidents("service:old", end + 3 * DAY_MS)).toEqual([]);
    expect(await store.uptime("service:old", end + 3 * DAY_MS)).toEqual([null, null, null]);
  });
});
