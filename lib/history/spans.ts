// Pure arithmetic of health history: how long a series was up and down in a stretch of time.
// Each result holds from its check until the next result of its series, but at most `maxGapMs`
// (a panel that was stopped knows nothing of that time: "no data", neither up nor down).
import { HOUR_MS, isDown, isUp, type Sample, type Tally } from "./types";

export const emptyTally = (): Tally => ({ checks: 0, upMs: 0, downMs: 0, latencySum: 0, latencyCount: 0, latencyMax: 0 });

/**
 * Sums [from, to) of one series. `samples` sorted by `at`; it may (and should) hold the last
 * sample before `from` (its time reaches into the stretch) and the first after `to` (it ends the
 * last one inside). Checks and latency count the samples taken inside [from, to).
 */
export function tally(samples: readonly Sample[], from: number, to: number, maxGapMs: number): Tally {
  const t = emptyTally();
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (s.at >= to) break;
    const next = i + 1 < samples.length ? samples[i + 1].at : Infinity;
    const start = Math.max(s.at, from);
    const end = Math.min(next, s.at + maxGapMs, to);
    if (end > start) {
      if (isUp(s.status)) t.upMs += end - start;
      else if (isDown(s.status)) t.downMs += end - start;
    }
    if (s.at >= from) {
      t.checks += 1;
      if (s.latencyMs !== null) {
        t.latencySum += s.latencyMs;
        t.latencyCount += 1;
        t.latencyMax = Math.max(t.latencyMax, s.latencyMs);
      }
    }
  }
  return t;
}

/** One tally per whole hour in [fromHour, toHour) (hour numbers: epoch ms / HOUR_MS). */
export function hourly(samples: readonly Sample[], fromHour: number, toHour: number, maxGapMs: number): { hour: number; tally: Tally }[] {
  const out: { hour: number; tally: Tally }[] = [];
  for (let h = fromHour; h < toHour; h++) out.push({ hour: h, tally: tally(samples, h * HOUR_MS, (h + 1) * HOUR_MS, maxGapMs) });
  return out;
}

export function add(a: Tally, b: Tally): Tally {
  return {
    checks: a.checks + b.checks,
    upMs: a.upMs + b.upMs,
    downMs: a.downMs + b.downMs,
    latencySum: a.latencySum + b.latencySum,
    latencyCount: a.latencyCount + b.latencyCount,
    latencyMax: Math.max(a.latencyMax, b.latencyMax),
  };
}

/** Share of known time that was up, 0..1; null when nothing is known ("no data"). */
export function uptime(t: Tally): number | null {
  const known = t.upMs + t.downMs;
  return known === 0 ? null : t.upMs / known;
}
