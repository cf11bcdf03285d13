import "server-only";
// The machine page's charts: query_range over 1 h / 24 h / 7 d, about 120 points each. Only a
// VictoriaMetrics source keeps history; a node_exporter source has none to chart.
import { MetricsSourceError } from "./http";
import { queryRange } from "./promql";
import { instanceSelector, seriesQueries } from "./queries";
import type { MetricsSource } from "./source";
import type { MetricsRange, WireSeries } from "./types";

const RANGES: Record<MetricsRange, { seconds: number; step: number; window: string }> = {
  "1h": { seconds: 3600, step: 30, window: "1m" },
  "24h": { seconds: 86_400, step: 720, window: "12m" },
  "7d": { seconds: 604_800, step: 5040, window: "84m" },
};

const CHART_MAX_BYTES = 2 * 1024 * 1024;

export async function readSeries(
  machine: string,
  source: MetricsSource,
  range: MetricsRange,
  limits: { timeoutMs: number; signal?: AbortSignal },
  now = Date.now() / 1000,
): Promise<WireSeries> {
  if (source.kind === "none") throw new MetricsSourceError(source.reason);
  if (source.kind !== "victoriametrics") {
    throw new MetricsSourceError(`${machine}'s figures come from node_exporter, which keeps no history: set METRICS_URL for charts.`);
  }
  const r = RANGES[range];
  const end = Math.floor(now / r.step) * r.step;
  const span = { start: end - r.seconds, end, step: r.step };
  const q = seriesQueries(instanceSelector(source.instances), r.window);
  const keys = Object.keys(q) as (keyof typeof q)[];
  const answers = await Promise.all(keys.map((k) => queryRange(source.url, q[k], span, { ...limits, maxBytes: CHART_MAX_BYTES })));
  const out = { machine, range } as WireSeries;
  keys.forEach((k, i) => {
    out[k] = (answers[i][0]?.points ?? []).filter(([, v]) => Number.isFinite(v));
  });
  return out;
}
