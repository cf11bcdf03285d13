import "server-only";
// The health history: every check result is written as a sample; whole hours are rolled up into
// buckets (time up and down, checks, latency) and samples are kept about a day; buckets and
// incidents are kept `retentionDays`. Uptime is read from buckets plus the samples of the hours not
// rolled up yet. Incidents are opened and closed as results arrive. Times come from the results
// and from the `now` callers pass: nothing here reads the clock.
import * as q from "../db/health-history";
import type { HealthSnapshot } from "../health/types";
import { add, emptyTally, hourly, tally, uptime } from "./spans";
import { sparkPoints } from "./sparkline";
import { DAY_MS, HOUR_MS, STATUS_CODE, isDown, isUp, type Incident, type Sample, type TileHistory } from "./types";

export type HistoryOptions = {
  retentionDays: number;
  /** A result holds at most this long when no next one comes (about two check intervals). */
  maxGapMs: number;
  /** Samples are kept this long (and until rolled up). */
  rawKeepMs?: number;
  /** Bounded work per roll-up run: hours rolled up, rows deleted per table. */
  maxHoursPerRun?: number;
  pruneLimit?: number;
  /** The dashboard's figures are recomputed at most this often unless a status changed. */
  summaryTtlMs?: number;
};

export type RollUpResult = { hours: number; until: number | null; pruned: { samples: number; buckets: number; incidents: number } };

const WINDOWS = [DAY_MS, 7 * DAY_MS, 30 * DAY_MS] as const;
const SPARK_HOURS = 24;

export class HistoryStore {
  private ids = new Map<string, number>();
  private open: Map<number, number> | null = null;
  private mark: number | null | undefined = undefined;
  private version = 0;
  private summary: { version: number; at: number; keys: string; data: Promise<Record<string, TileHistory>> } | null = null;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: HistoryOptions) {}

  /** Writes a round of results; calls are applied in order. */
  record(results: HealthSnapshot): Promise<void> {
    const run = this.writes.then(() => this.write(results));
    // The caller gets the failure through `run`; the chain only must not stop the next round.
    this.writes = run.catch(() => {});
    return run;
  }

  private async write(results: HealthSnapshot): Promise<void> {
    const keys = Object.keys(results);
    const missing = keys.filter((k) => !this.ids.has(k));
    // A new series or a status change makes the tiles' figures stale (bumped once written).
    let stale = missing.length > 0;
    if (missing.length) for (const [k, id] of await q.ensureSeries(missing)) this.ids.set(k, id);
    this.open ??= new Map((await q.openIncidents()).map((i) => [i.seriesId, i.id]));
    const rows: q.SampleRow[] = [];
    for (const [key, r] of Object.entries(results)) {
      const id = this.ids.get(key);
      const at = Date.parse(r.checkedAt);
      if (id === undefined || !Number.isFinite(at)) continue;
      const status = STATUS_CODE[r.status];
      rows.push({ seriesId: id, at, status, latencyMs: r.latencyMs === null ? null : Math.round(r.latencyMs) });
      const incident = this.open.get(id);
      if (isDown(status) && incident === undefined) {
        this.open.set(id, await q.openIncident(id, at, r.detail));
        stale = true;
      } else if (isUp(status) && incident !== undefined) {
        await q.closeIncident(incident, at);
        this.open.delete(id);
        stale = true;
      }
    }
    await q.insertSamples(rows);
    if (stale) this.version += 1;
  }

  private async rolledMark(): Promise<number | null> {
    if (this.mark === undefined) this.mark = await q.rolledUntil();
    return this.mark;
  }

  /** Rolls up whole hours that can no longer change and prunes old rows; bounded work per call. */
  async rollUp(now: number): Promise<RollUpResult> {
    const { maxGapMs } = this.o;
    const lastRollable = Math.floor((now - maxGapMs) / HOUR_MS); // hours before it are complete
    let next = await this.rolledMark();
    let hours = 0;
    while (hours < (this.o.maxHoursPerRun ?? 24)) {
      const first = await q.firstSampleAt(next === null ? 0 : next * HOUR_MS - maxGapMs);
      if (first === null) break;
      // Hours with no sample reaching into them are skipped, not written.
      const start = Math.max(next ?? 0, Math.floor(first / HOUR_MS));
      if (start >= lastRollable) break;
      const samples = await q.samplesBetween(start * HOUR_MS - maxGapMs, (start + 1) * HOUR_MS + maxGapMs);
      const buckets: q.BucketRow[] = [];
      for (const [seriesId, list] of bySeries(samples)) {
        const t = tally(list, start * HOUR_MS, (start + 1) * HOUR_MS, maxGapMs);
        if (t.checks || t.upMs || t.downMs) buckets.push({ seriesId, hour: start, ...t });
      }
      await q.writeBuckets(buckets, start + 1);
      next = this.mark = start + 1;
      hours += 1;
    }
    if (hours) this.version += 1;
    const keepRaw = now - (this.o.rawKeepMs ?? DAY_MS);
    const retention = now - this.o.retentionDays * DAY_MS;
    const pruned = await q.pruneHistory({
      samplesBefore: next === null ? 0 : Math.min(next * HOUR_MS, keepRaw) - maxGapMs,
      bucketsBeforeHour: Math.floor(retention / HOUR_MS),
      incidentsBefore: retention,
      limit: this.o.pruneLimit ?? 200_000,
    });
    return { hours, until: next, pruned };
  }

  /** Uptime of one series over 24 h, 7 d and 30 d before `now`. */
  async uptime(key: string, now: number, windows: readonly number[] = WINDOWS): Promise<(number | null)[]> {
    const id = this.ids.get(key) ?? (await q.seriesId(key));
    if (id === null) return windows.map(() => null);
    const mark = (await this.rolledMark()) ?? -Infinity;
    const tailFrom = (w: number) => Math.max(now - w, mark * HOUR_MS);
    const tail = await q.samplesOf(id, Math.min(...windows.map(tailFrom)) - this.o.maxGapMs);
    return Promise.all(
      windows.map(async (w) => {
        const fromHour = Math.ceil((now - w) / HOUR_MS);
        const rolled = mark > fromHour ? await q.bucketSum(id, fromHour, mark) : emptyTally();
        return uptime(add(rolled, tally(tail, tailFrom(w), now, this.o.maxGapMs)));
      }),
    );
  }

  /** The tiles' figures for these keys; shared and reused until a status changes or summaryTtlMs. */
  tileHistory(keys: string[], now: number): Promise<Record<string, TileHistory>> {
    const s = this.summary;
    const sig = keys.join("\n");
    if (s && s.version === this.version && s.keys === sig && now - s.at < (this.o.summaryTtlMs ?? 60_000)) return s.data;
    const data = this.computeTiles(keys, now);
    this.summary = { version: this.version, at: now, keys: sig, data };
    data.catch(() => {
      if (this.summary?.data === data) this.summary = null;
    });
    return data;
  }

  private async computeTiles(keys: string[], now: number): Promise<Record<string, TileHistory>> {
    const ids = await q.findSeries(keys);
    const markHour = (await this.rolledMark()) ?? -Infinity;
    const mark = Number.isFinite(markHour) ? markHour : Math.floor(now / HOUR_MS) - 30 * 24;
    const nowHour = Math.floor(now / HOUR_MS);
    const fromHours = WINDOWS.map((w) => Math.ceil((now - w) / HOUR_MS));
    const [sums, sparkBuckets, tail] = await Promise.all([
      q.windowSums(fromHours[0], fromHours[1], fromHours[2], mark),
      q.bucketsBetween(nowHour - SPARK_HOURS + 1, mark),
      q.samplesBetween(Math.max(now - WINDOWS[2], mark * HOUR_MS) - this.o.maxGapMs, Number.MAX_SAFE_INTEGER),
    ]);
    const sumsOf = new Map(sums.map((s) => [s.seriesId, s]));
    const tailOf = bySeries(tail);
    const hoursOf = new Map<number, Map<number, number | null>>();
    for (const b of sparkBuckets) {
      const m = hoursOf.get(b.seriesId) ?? new Map<number, number | null>();
      m.set(b.hour, b.latencyCount ? b.latencySum / b.latencyCount : null);
      hoursOf.set(b.seriesId, m);
    }
    const out: Record<string, TileHistory> = {};
    for (const key of keys) {
      const id = ids.get(key);
      const samples: Sample[] = (id !== undefined && tailOf.get(id)) || [];
      const s = id === undefined ? undefined : sumsOf.get(id);
      const figures = WINDOWS.map((w, i) => {
        const from = Math.max(now - w, mark * HOUR_MS);
        const rolled = { ...emptyTally(), upMs: s?.up[i] ?? 0, downMs: s?.down[i] ?? 0 };
        return uptime(add(rolled, tally(samples, from, now, this.o.maxGapMs)));
      });
      const hours = (id !== undefined && hoursOf.get(id)) || new Map<number, number | null>();
      const firstTailHour = Math.max(mark, nowHour - SPARK_HOURS + 1);
      for (const h of hourly(samples, firstTailHour, nowHour + 1, this.o.maxGapMs))
        hours.set(h.hour, h.tally.latencyCount ? h.tally.latencySum / h.tally.latencyCount : null);
      const means = Array.from({ length: SPARK_HOURS }, (_, i) => hours.get(nowHour - SPARK_HOURS + 1 + i) ?? null);
      out[key] = { uptime: { day: figures[0], week: figures[1], month: figures[2] }, ...sparkPoints(means) };
    }
    return out;
  }

  /** Incidents of one series within the retention, newest first; an open one lasts until `now`. */
  async incidents(key: string, now: number, take = 100): Promise<Incident[]> {
    const id = this.ids.get(key) ?? (await q.seriesId(key));
    if (id === null) return [];
    const rows = await q.incidentsOf(id, now - this.o.retentionDays * DAY_MS, take);
    return rows.map((r) => ({
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      durationMs: (r.endedAt ?? now) - r.startedAt,
      detail: r.detail,
    }));
  }
}

function bySeries(samples: q.SampleRow[]): Map<number, Sample[]> {
  const out = new Map<number, Sample[]>();
  for (const s of samples) {
    const list = out.get(s.seriesId);
    if (list) list.push(s);
    else out.set(s.seriesId, [s]);
  }
  return out;
}
