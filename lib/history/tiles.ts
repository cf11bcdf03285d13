import "server-only";
// The dashboard's uptime figures and sparklines, by service slug. They are rendered into the page,
// so the render cache (lib/http/page-cache.ts) keeps them with the page: a cached "/" shows the
// figures of its render, and the next health change (which empties that cache) or the cache's
// 15 s age limit brings fresh ones. The store itself reuses one computation for every render until
// a status changes (an incident opens or closes), a roll-up runs, or a minute passes: uptime over
// 24 h moves by at most 0.07 points a minute, while recomputing for 500 services costs a scan of
// the last hours' samples. A failing history never breaks the dashboard: it renders without it.
import { serviceKey } from "../health/types";
import { historyStore } from "./registry";
import type { TileHistory } from "./types";

export async function tileHistories(slugs: string[], now = Date.now()): Promise<Record<string, TileHistory>> {
  try {
    const byKey = await historyStore().tileHistory(slugs.map(serviceKey), now);
    return Object.fromEntries(slugs.map((s) => [s, byKey[serviceKey(s)]]).filter(([, h]) => h !== undefined));
  } catch (err) {
    console.error("[panel] health history unavailable:", err instanceof Error ? err.message : err);
    return {};
  }
}

/** A service page's figures: uptime over 24 h / 7 d / 30 d and its incidents, newest first. */
export async function serviceHistory(slug: string, now = Date.now()) {
  const key = serviceKey(slug);
  const [uptime, incidents] = await Promise.all([historyStore().uptime(key, now), historyStore().incidents(key, now)]);
  return { uptime, incidents };
}
