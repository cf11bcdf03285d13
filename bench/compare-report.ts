// The panel's figures beside a compared page's (--compare): one table, and the issue's targets
// relative to that page (req/s at least twice its own, first contentful paint no later).
import type { Idle } from "./browser";
import type { LoadResult } from "./http-load";
import type { ColdLoads, Compared } from "./page-figures";
import { kib, target, type Target } from "./report";

export type Ours = { startMs: number | null; loggedIn: LoadResult; anonymous: LoadResult; cold: ColdLoads; idle: Idle };

type Cell = string | number | null;
const show = (v: Cell, unit = "") => (v === null ? "n/a" : `${v}${unit}`);
const http = (r: LoadResult) =>
  `${r.reqPerSec} req/s, p99 ${r.p99Ms} ms${r.non2xx + r.errors > 0 ? ` (${r.non2xx} non-2xx, ${r.errors} errors)` : ""}`;

export function compareLines(ours: Ours, other: Compared): string[] {
  const a = ours.cold.first;
  const b = other.cold.first;
  const rows: [string, string, string][] = [
    ["cold load: requests", show(a.requests), show(b.requests)],
    ["cold load: bytes transferred", show(kib(a.bytes), " KiB"), show(kib(b.bytes), " KiB")],
    ["cold load: JS transferred", `${kib(a.js.transfer)} KiB (${a.js.count} scripts)`, `${kib(b.js.transfer)} KiB (${b.js.count} scripts)`],
    ["FCP (median)", show(ours.cold.paint.firstContentfulPaintMs, " ms"), show(other.cold.paint.firstContentfulPaintMs, " ms")],
    ["LCP (median)", show(ours.cold.paint.largestContentfulPaintMs, " ms"), show(other.cold.paint.largestContentfulPaintMs, " ms")],
    ["statuses in the HTML", show(a.badges.inHtml), show(b.badges.inHtml)],
    ["every status visible (median)", show(ours.cold.paint.visibleMs, " ms"), show(other.cold.paint.visibleMs, " ms")],
    ["idle: HTTP requests", `${ours.idle.httpPerMin}/min`, `${other.idle.httpPerMin}/min`],
    ["idle: everything sent", `${ours.idle.totalSentPerMin}/min`, `${other.idle.totalSentPerMin}/min`],
    ["GET / not logged in", http(ours.anonymous), http(other.http)],
    ["GET / logged in", http(ours.loggedIn), "n/a (measured without a session)"],
    ["process start to first 200", show(ours.startMs, " ms"), "n/a (not started by the bench)"],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max("panel".length, ...rows.map((r) => r[1].length));
  return [
    `${"figure".padEnd(w0)} | ${"panel".padEnd(w1)} | ${other.url}`,
    `${"-".repeat(w0)}-+-${"-".repeat(w1)}-+-${"-".repeat(Math.min(other.url.length, 40))}`,
    ...rows.map(([name, x, y]) => `${name.padEnd(w0)} | ${x.padEnd(w1)} | ${y}`),
  ];
}

export function compareTargets(ours: Omit<Ours, "startMs" | "idle">, other: Compared): Target[] {
  const twice = 2 * other.http.reqPerSec;
  const fcp = other.cold.paint.firstContentfulPaintMs;
  const targets = [
    target("GET / not logged in, req/s vs 2x the compared page's", ours.anonymous.reqPerSec, ">=", twice, "req/s"),
    target("GET / logged in, req/s vs 2x the compared page's", ours.loggedIn.reqPerSec, ">=", twice, "req/s"),
  ];
  if (fcp !== null) targets.push(target("FCP vs the compared page's", ours.cold.paint.firstContentfulPaintMs, "<=", fcp, "ms"));
  return targets;
}
