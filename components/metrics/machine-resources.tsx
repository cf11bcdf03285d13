"use client";
// The machine page's Resources card: every figure now (pushed by the machine's shared loop) and
// charts for 1 h / 24 h / 7 d (metrics:range, asked when a span is chosen), with a Grafana link.
import { useEffect, useState } from "react";
import { acquireSocket, releaseSocket } from "@/components/live/socket";
import { useMetrics } from "@/components/live/use-metrics";
import { pct, rate, size, uptime } from "@/lib/metrics/format";
import { METRICS_RANGES, type MetricsRange, type WireSeries } from "@/lib/metrics/types";
import { LineChart } from "./line-chart";

/** `series` null: no charts, and `reason` says why (a node_exporter source keeps no history). */
type Answer = { ok: true; series: WireSeries | null; reason: string | null } | { ok: false; error: { message: string } };

export function MachineResources({ machine, grafanaUrl }: { machine: string; grafanaUrl: string | null }) {
  const state = useMetrics([machine])[machine];
  const [range, setRange] = useState<MetricsRange>("1h");
  const [charts, setCharts] = useState<{ range: MetricsRange; series: WireSeries | null; error: string | null } | null>(null);

  useEffect(() => {
    const socket = acquireSocket();
    let gone = false;
    const ask = () =>
      socket.emit("metrics:range", { machine, range }, (r: Answer) => {
        if (!gone) setCharts({ range, series: r.ok ? r.series : null, error: r.ok ? r.reason : r.error.message });
      });
    if (socket.connected) ask();
    else socket.once("connect", ask);
    return () => {
      gone = true;
      socket.off("connect", ask);
      releaseSocket();
    };
  }, [machine, range]);

  const f = state?.figures;
  return (
    <div data-testid="machine-resources-card">
      {!state ? (
        <p className="text-sm text-(--color-muted)">Reading resources…</p>
      ) : !f ? (
        <p data-testid="machine-resources" data-state="no-data" className="text-sm">
          <span className="font-medium">No data</span>: {state.error}
        </p>
      ) : (
        <dl data-testid="machine-resources" data-state="data" className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
          <Fig label="CPU" value={pct(f.cpuPercent)} />
          <Fig label="Memory" value={`${size(f.memUsedBytes)} / ${size(f.memTotalBytes)}`} />
          <Fig label="Load" value={f.load ? f.load.map((l) => l.toFixed(2)).join(" ") : "—"} />
          <Fig label="Uptime" value={uptime(f.uptimeSeconds)} />
          <Fig label="Network in" value={rate(f.netInBytesPerSec)} />
          <Fig label="Network out" value={rate(f.netOutBytesPerSec)} />
          {f.disks.map((d) => (
            <Fig key={d.mount} label={`Disk ${d.mount}`} value={`${size(d.usedBytes)} / ${size(d.sizeBytes)}`} />
          ))}
        </dl>
      )}
      <div className="mt-3 flex flex-wrap items-center gap-2" role="group" aria-label="Chart span">
        {METRICS_RANGES.map((r) => (
          <button
            key={r}
            type="button"
            aria-pressed={r === range}
            onClick={() => setRange(r)}
            className="h-9 rounded-lg border border-(--color-line) px-3 text-sm aria-pressed:border-(--color-accent) aria-pressed:font-semibold"
          >
            {r}
          </button>
        ))}
        {grafanaUrl && (
          <a href={grafanaUrl} target="_blank" rel="noreferrer" className="ml-auto text-sm text-(--color-accent) underline">
            More in Grafana
          </a>
        )}
      </div>
      {charts?.range === range && charts.error && <p className="mt-2 text-sm text-(--color-muted)">Charts: {charts.error}</p>}
      {charts?.range === range && charts.series && (
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          <LineChart label="CPU %" points={charts.series.cpuPercent} max={100} format={(v) => pct(v)} />
          <LineChart label="Memory used %" points={charts.series.memUsedPercent} max={100} format={(v) => pct(v)} />
          <LineChart label="Network in" points={charts.series.netInBytesPerSec} format={rate} />
          <LineChart label="Network out" points={charts.series.netOutBytesPerSec} format={rate} />
        </div>
      )}
    </div>
  );
}

function Fig({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-(--color-muted)">{label}</dt>
      <dd className="truncate font-medium [overflow-wrap:anywhere]">{value}</dd>
    </div>
  );
}
