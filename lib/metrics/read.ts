import "server-only";
// One reading of a machine's figures from its source. node_exporter gives counters, so CPU and
// network rates need the previous reading's counters (`memory`, kept by the caller's loop).
import { parseExposition } from "./exposition";
import { fetchText, MetricsSourceError } from "./http";
import { countersOf, nodeFigures, type Counters } from "./node-figures";
import { query, type InstantSample } from "./promql";
import { combinedQuery, figureQueries, instanceSelector, type FigureQuery } from "./queries";
import type { MetricsSource } from "./source";
import type { DiskFigure, MachineFigures } from "./types";

const FIGURES = Object.keys(figureQueries("")) as FigureQuery[];

export type ReadLimits = { timeoutMs: number; signal?: AbortSignal };
export type ReadMemory = { counters: Counters | null };

/** node_exporter 1.5 serves about 60 KB; VictoriaMetrics' answers for one machine are far smaller. */
const NODE_MAX_BYTES = 4 * 1024 * 1024;
const QUERY_MAX_BYTES = 1024 * 1024;

export async function readFigures(source: MetricsSource, memory: ReadMemory, limits: ReadLimits): Promise<MachineFigures> {
  if (source.kind === "none") throw new MetricsSourceError(source.reason);
  if (source.kind === "node_exporter") {
    const text = await fetchText(source.url, { ...limits, maxBytes: NODE_MAX_BYTES });
    const { samples } = parseExposition(text);
    if (!samples.some((s) => s.name.startsWith("node_"))) throw new MetricsSourceError(`${source.url} serves no node_exporter metrics.`);
    const now = countersOf(samples, Date.now() / 1000);
    const figures = nodeFigures(samples, now, memory.counters);
    memory.counters = now;
    return figures;
  }
  const answer = await query(source.url, combinedQuery(instanceSelector(source.instances)), { ...limits, maxBytes: QUERY_MAX_BYTES });
  const r = Object.fromEntries(FIGURES.map((n) => [n, answer.filter((s) => s.metric.figure === n)])) as Record<
    FigureQuery,
    InstantSample[]
  >;
  if (first(r.up) === 0) {
    throw new MetricsSourceError(
      `node_exporter of ${source.instances[0]} is down: VictoriaMetrics at ${source.url} cannot scrape it (up = 0).`,
    );
  }
  if (r.memTotal.length === 0 && r.load1.length === 0 && r.uptime.length === 0) {
    throw new MetricsSourceError(`VictoriaMetrics at ${source.url} has no node_exporter series for ${source.instances.join(" or ")}.`);
  }
  return vmFigures(r);
}

const first = (s: InstantSample[]): number | null => {
  const v = s[0]?.value;
  return v !== undefined && Number.isFinite(v) ? v : null;
};

export function vmFigures(r: Record<FigureQuery, InstantSample[]>): MachineFigures {
  const avail = new Map(r.fsAvail.map((s) => [s.metric.mountpoint, s.value]));
  const disks: DiskFigure[] = [];
  const seen = new Set<string>();
  for (const s of r.fsSize) {
    const mount = s.metric.mountpoint;
    const a = avail.get(mount);
    if (!mount || a === undefined || seen.has(mount) || !(s.value > 0)) continue;
    seen.add(mount);
    disks.push({ mount, sizeBytes: s.value, usedBytes: Math.max(0, s.value - a) });
  }
  disks.sort((a, b) => a.mount.localeCompare(b.mount));
  const total = first(r.memTotal);
  const available = first(r.memAvailable);
  const [l1, l5, l15] = [first(r.load1), first(r.load5), first(r.load15)];
  const cpu = first(r.cpu);
  return {
    cpuPercent: cpu === null ? null : Math.min(100, Math.max(0, cpu)),
    memTotalBytes: total,
    memUsedBytes: total !== null && available !== null ? total - available : null,
    disks,
    load: l1 !== null && l5 !== null && l15 !== null ? [l1, l5, l15] : null,
    uptimeSeconds: first(r.uptime),
    netInBytesPerSec: first(r.netIn),
    netOutBytesPerSec: first(r.netOut),
  };
}
