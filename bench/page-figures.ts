// The figures of one page, the same way for the panel and for a page it is compared with (--compare):
// cold loads in a browser (medians), the HTTP load on it, and what it sends while idle.
import type { Browser } from "@playwright/test";
import { coldLoad, type ColdLoad, type Idle, type StatusWatch } from "./browser";
import { load, type LoadResult, type Who } from "./http-load";
import { round } from "./round";

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const medianOf = (runs: ColdLoad[], pick: (r: ColdLoad) => number | null): number | null => {
  const xs = runs.map(pick).filter((x): x is number => x !== null);
  return xs.length ? round(median(xs), 1) : null;
};

export type Paint = {
  runs: number;
  ttfbMs: number | null;
  allPresentMs: number | null;
  domContentLoadedMs: number | null;
  firstPaintMs: number | null;
  firstContentfulPaintMs: number | null;
  largestContentfulPaintMs: number | null;
  visibleMs: number | null;
  loadMs: number | null;
};

export type ColdLoads = { first: ColdLoad; paint: Paint };

export type PageToLoad = { url: string; watch: StatusWatch; who: Who };

/** `runs` cold loads of each page, the pages taking turns; per page the first for counts and bytes, medians of all for timings. */
export async function coldLoads(browser: Browser, pages: PageToLoad[], runs: number): Promise<ColdLoads[]> {
  const loads: ColdLoad[][] = pages.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, p] of pages.entries()) loads[k].push(await coldLoad(browser, p.url, p.watch, p.who));
  }
  return loads.map(summary);
}

function summary(all: ColdLoad[]): ColdLoads {
  return {
    first: all[0],
    paint: {
      runs: all.length,
      ttfbMs: medianOf(all, (r) => r.timing.ttfbMs),
      allPresentMs: medianOf(all, (r) => r.badges.allPresentMs),
      domContentLoadedMs: medianOf(all, (r) => r.timing.domContentLoadedMs),
      firstPaintMs: medianOf(all, (r) => r.timing.firstPaintMs),
      firstContentfulPaintMs: medianOf(all, (r) => r.timing.firstContentfulPaintMs),
      largestContentfulPaintMs: medianOf(all, (r) => r.timing.largestContentfulPaintMs),
      visibleMs: medianOf(all, (r) => r.badges.visibleMs),
      loadMs: medianOf(all, (r) => r.timing.loadMs),
    },
  };
}

export type LoadConfig = { connections: number; durationS: number; warmRequests: number };

/** A warm-up of `warmRequests` (caches filled, JIT warm), then the timed run. */
export async function warmLoad(url: string, cfg: LoadConfig, who: Who): Promise<{ warm: LoadResult; run: LoadResult }> {
  const warm = await load(url, { connections: cfg.connections, amount: cfg.warmRequests, who });
  const run = await load(url, { connections: cfg.connections, durationS: cfg.durationS, who });
  return { warm, run };
}

/** What is measured of a page the bench did not start (no session, no start-up time, no RSS). */
export type Compared = { url: string; statuses: string; http: LoadResult; cold: ColdLoads; idle: Idle };
