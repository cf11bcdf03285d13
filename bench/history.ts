// npm run bench:history — health history for 500 services over 90 days at the default check
// interval (30 s), in a fresh SQLite file migrated by the real migrations:
//  1. the newest `--full-days` days (default 2) are written through the real store, round by round
//     (500 results every 30 s, each service down 5 minutes a day), rolled up by the store's own
//     roll-up at every hour's end as the panel does (time it: "roll-up per hour");
//  2. the older days' buckets and incidents are copies of the first rolled-up day, shifted back a
//     day at a time (writing 129.6 M samples through the store would take about an hour here; the
//     rows are what its roll-up writes). `--full-days=90` writes everything through the store.
// Then: size on disk, the time to compute one tile's 30-day uptime (median of 200 services), and
// the dashboard's figures for all 500 tiles. Last line of output: one JSON object with every figure.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, setDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import type { HealthSnapshot } from "../lib/health/types";
import { HistoryStore } from "../lib/history/store";
import { DAY_MS, HOUR_MS } from "../lib/history/types";
import { line, target, targetLine } from "./report";

const SERVICES = 500;
const DAYS = 90;
const INTERVAL = 30_000;
const ROUNDS_PER_DAY = DAY_MS / INTERVAL;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round1 = (n: number) => Math.round(n * 10) / 10;

function fullDays(argv: string[]): number {
  const a = argv.find((x) => x.startsWith("--full-days="));
  const n = a ? Number(a.split("=")[1]) : 2;
  if (!Number.isInteger(n) || n < 1 || n > DAYS) throw new Error(`--full-days must be 1..${DAYS}`);
  return n;
}

function roundAt(at: number, i: number): HealthSnapshot {
  const out: HealthSnapshot = {};
  const checkedAt = new Date(at).toISOString();
  for (let s = 0; s < SERVICES; s++) {
    const down = (i + s * 7) % ROUNDS_PER_DAY < 10; // 5 minutes a day, at a different time per service
    out[`service:svc-${s}`] = down
      ? { status: "down", latencyMs: null, detail: "connection refused", checkedAt }
      : { status: "up", latencyMs: 5 + ((i * 31 + s * 17) % 200), detail: "HTTP 200", checkedAt };
  }
  return out;
}

async function main(): Promise<void> {
  const full = fullDays(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), "history-bench-"));
  const file = join(dir, "bench.db");
  try {
    await migrate(`file:${file}`);
    const db = createDb(`file:${file}`);
    setDb(db);
    const store = new HistoryStore({ retentionDays: DAYS, maxGapMs: 2 * INTERVAL + 5_000, maxHoursPerRun: 24 });
    const end = Math.floor(Date.UTC(2026, 11, 1) / HOUR_MS) * HOUR_MS;
    const start = end - full * DAY_MS;
    line(`health history: ${SERVICES} services, ${DAYS} days at ${INTERVAL / 1000} s; the newest ${full} day(s) through the store`);

    let writeMs = 0;
    const rollMs: number[] = [];
    const total = full * ROUNDS_PER_DAY;
    for (let i = 0; i < total; i++) {
      const at = start + i * INTERVAL;
      const t0 = performance.now();
      await store.record(roundAt(at, i));
      writeMs += performance.now() - t0;
      if ((at + INTERVAL) % HOUR_MS < INTERVAL) {
        // An hour has passed: the panel's periodic roll-up (the hour before the last is complete).
        const r0 = performance.now();
        const r = await store.rollUp(at + INTERVAL);
        if (r.hours) rollMs.push((performance.now() - r0) / r.hours);
      }
      if (i % ROUNDS_PER_DAY === ROUNDS_PER_DAY - 1) line(`  day ${Math.round((i + 1) / ROUNDS_PER_DAY)}/${full} written`);
    }
    const now = end;
    await store.rollUp(now);
    const samples = total * SERVICES;
    line(
      `wrote ${samples.toLocaleString("en")} results in ${round1(writeMs / 1000)} s (${Math.round(samples / (writeMs / 1000)).toLocaleString("en")} per s)`,
    );

    // Older days: copies of the first written day's buckets and incidents, one day further back each time.
    const firstHour = start / HOUR_MS;
    for (let k = 1; k <= DAYS - full; k++) {
      await db.$executeRaw`INSERT INTO "HealthBucket" SELECT "seriesId", "hour" - ${k * 24}, "checks", "upMs", "downMs", "latencySum",
        "latencyCount", "latencyMax" FROM "HealthBucket" WHERE "hour" >= ${firstHour} AND "hour" < ${firstHour + 24}`;
      await db.$executeRaw`INSERT INTO "HealthIncident" ("seriesId", "startedAt", "endedAt", "detail") SELECT "seriesId",
        "startedAt" - ${k * DAY_MS}, "endedAt" - ${k * DAY_MS}, "detail" FROM "HealthIncident"
        WHERE "startedAt" >= ${start} AND "startedAt" < ${start + DAY_MS} AND "endedAt" IS NOT NULL`;
    }
    const counts = {
      samples: await db.healthSample.count(),
      buckets: await db.healthBucket.count(),
      incidents: await db.healthIncident.count(),
    };
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    const size = (p: string) => {
      try {
        return statSync(p).size;
      } catch {
        return 0;
      }
    };
    const bytes = size(file) + size(`${file}-wal`);
    const sizeMb = round1(bytes / 1e6);
    line(
      `rows: ${counts.samples.toLocaleString("en")} samples, ${counts.buckets.toLocaleString("en")} buckets, ${counts.incidents.toLocaleString("en")} incidents`,
    );

    // One tile's 30-day uptime, as the service page computes it (a fresh store: no cached ids).
    const reader = new HistoryStore({ retentionDays: DAYS, maxGapMs: 2 * INTERVAL + 5_000 });
    await reader.uptime("service:svc-0", now, [30 * DAY_MS]); // warm the statement cache
    const times: number[] = [];
    let sample: number | null = null;
    for (let s = 0; s < 200; s++) {
      const t0 = performance.now();
      [sample] = await reader.uptime(`service:svc-${(s * 37) % SERVICES}`, now + 20 * 60_000, [30 * DAY_MS]);
      times.push(performance.now() - t0);
    }
    const uptimeMs = Math.round(median(times) * 100) / 100;
    const keys = Array.from({ length: SERVICES }, (_, s) => `service:svc-${s}`);
    const d0 = performance.now();
    const tiles = await reader.tileHistory(keys, now + 20 * 60_000);
    const dashboardMs = Math.round(performance.now() - d0);
    const rollUpMs = rollMs.length ? Math.round(median(rollMs)) : null;

    line(`30-day uptime of one tile: ${uptimeMs} ms median of 200 (e.g. ${sample === null ? "no data" : (sample * 100).toFixed(3) + "%"})`);
    line(`roll-up: ${rollUpMs} ms per hour of 500 services (median of ${rollMs.length}), run every 10 minutes`);
    line(
      `all 500 tiles' figures (24 h / 7 d / 30 d, sparkline) uncached: ${dashboardMs} ms (svc-0 30 d: ${tiles["service:svc-0"].uptime.month})`,
    );
    const targets = [target("size on disk", sizeMb, "<", 200, "MB"), target("30-day uptime of a tile", uptimeMs, "<", 5, "ms")];
    for (const t of targets) line(targetLine(t));
    await db.$disconnect();
    line(
      JSON.stringify({
        ok: targets.every((t) => t.verdict === "PASS"),
        services: SERVICES,
        days: DAYS,
        intervalMs: INTERVAL,
        fullDays: full,
        sizeMb,
        rows: counts,
        uptime30dMs: uptimeMs,
        rollUpMsPerHour: rollUpMs,
        dashboardTilesMs: dashboardMs,
        writePerSecond: Math.round(samples / (writeMs / 1000)),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  line(JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) }));
  process.exit(1);
});
