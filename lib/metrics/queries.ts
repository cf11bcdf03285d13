// The PromQL of each figure, for one machine's node_exporter series in VictoriaMetrics. A machine's
// series are those whose `instance` label is one of its names or addresses (any port).
import { NOT_DISK, NOT_NIC } from "./node-figures";

/** A PromQL double-quoted string holding a regular expression that matches exactly `values`. */
export function instanceSelector(values: readonly string[]): string {
  const alternatives = values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const regex = `(${alternatives.join("|")})(:[0-9]+)?`;
  return `instance=~${JSON.stringify(regex)}`;
}

const fs = (sel: string) => `${sel},fstype!~${JSON.stringify(NOT_DISK.source.slice(1, -1))}`;
const nic = (sel: string) => `${sel},device!~${JSON.stringify(NOT_NIC.source.slice(1, -1))}`;

/** Instant queries; `w` is the rate window (e.g. "1m"). */
export function figureQueries(sel: string, w = "1m") {
  return {
    cpu: `100 * (1 - sum(rate(node_cpu_seconds_total{${sel},mode="idle"}[${w}])) / sum(rate(node_cpu_seconds_total{${sel}}[${w}])))`,
    memTotal: `node_memory_MemTotal_bytes{${sel}}`,
    memAvailable: `node_memory_MemAvailable_bytes{${sel}}`,
    fsSize: `node_filesystem_size_bytes{${fs(sel)}}`,
    fsAvail: `node_filesystem_avail_bytes{${fs(sel)}}`,
    load1: `node_load1{${sel}}`,
    load5: `node_load5{${sel}}`,
    load15: `node_load15{${sel}}`,
    uptime: `node_time_seconds{${sel}} - node_boot_time_seconds{${sel}}`,
    netIn: `sum(rate(node_network_receive_bytes_total{${nic(sel)}}[${w}]))`,
    netOut: `sum(rate(node_network_transmit_bytes_total{${nic(sel)}}[${w}]))`,
    /** The scrape's own series: 0 while VictoriaMetrics cannot reach the node_exporter. */
    up: `max(up{${sel}})`,
  };
}

export type FigureQuery = keyof ReturnType<typeof figureQueries>;

/** Range queries for the machine page's charts. */
export function seriesQueries(sel: string, w: string) {
  const q = figureQueries(sel, w);
  return {
    cpuPercent: q.cpu,
    memUsedPercent: `100 * (1 - sum(node_memory_MemAvailable_bytes{${sel}}) / sum(node_memory_MemTotal_bytes{${sel}}))`,
    netInBytesPerSec: q.netIn,
    netOutBytesPerSec: q.netOut,
  };
}

/**
 * Every figure in one query: each part labelled `figure="<name>"` with label_replace (PromQL, so
 * Prometheus answers it too) and joined with `or`, which keeps all since their labels differ.
 * One HTTP round trip per reading instead of eleven.
 */
export function combinedQuery(sel: string, w = "1m"): string {
  const q = figureQueries(sel, w);
  return (Object.keys(q) as FigureQuery[]).map((k) => `label_replace(${q[k]}, "figure", "${k}", "", "")`).join(" or ");
}
