// Figures of one machine from two node_exporter scrapes: gauges from the newest, rates (CPU,
// network) from the counters' change since the previous scrape (null on the first).
import type { Sample } from "./exposition";
import type { DiskFigure, MachineFigures } from "./types";

/** The counters rates are computed from, as of one scrape (`at`: epoch seconds). */
export type Counters = { at: number; cpuIdle: number; cpuTotal: number; netIn: number; netOut: number };

/** File systems that are not disks (node_exporter 1.5 already leaves out proc, sysfs, overlay, ...). */
export const NOT_DISK = /^(tmpfs|ramfs|devtmpfs|squashfs|overlay|nsfs|autofs|fuse\..*)$/;
/** Interfaces whose traffic is not the machine's: loopback and container/bridge plumbing. */
export const NOT_NIC = /^(lo|veth.*|docker.*|br-.*|virbr.*)$/;

const one = (samples: Sample[], name: string): number | null => {
  const s = samples.find((x) => x.name === name);
  return s && Number.isFinite(s.value) ? s.value : null;
};
const sum = (samples: Sample[], name: string, keep: (l: Record<string, string>) => boolean): number =>
  samples.reduce((t, s) => (s.name === name && keep(s.labels) && Number.isFinite(s.value) ? t + s.value : t), 0);

export function countersOf(samples: Sample[], at: number): Counters {
  return {
    at,
    cpuIdle: sum(samples, "node_cpu_seconds_total", (l) => l.mode === "idle"),
    cpuTotal: sum(samples, "node_cpu_seconds_total", () => true),
    netIn: sum(samples, "node_network_receive_bytes_total", (l) => !NOT_NIC.test(l.device ?? "")),
    netOut: sum(samples, "node_network_transmit_bytes_total", (l) => !NOT_NIC.test(l.device ?? "")),
  };
}

export function disksOf(samples: Sample[]): DiskFigure[] {
  const size = new Map<string, number>();
  const avail = new Map<string, number>();
  for (const s of samples) {
    const mount = s.labels.mountpoint;
    if (!mount || NOT_DISK.test(s.labels.fstype ?? "")) continue;
    if (s.name === "node_filesystem_size_bytes") size.set(mount, s.value);
    if (s.name === "node_filesystem_avail_bytes") avail.set(mount, s.value);
  }
  return [...size]
    .filter(([m, sz]) => sz > 0 && avail.has(m))
    .map(([mount, sizeBytes]) => ({ mount, sizeBytes, usedBytes: Math.max(0, sizeBytes - avail.get(mount)!) }))
    .sort((a, b) => a.mount.localeCompare(b.mount));
}

const rate = (now: number, before: number, seconds: number) => (seconds > 0 && now >= before ? (now - before) / seconds : null);

export function nodeFigures(samples: Sample[], now: Counters, before: Counters | null): MachineFigures {
  const total = one(samples, "node_memory_MemTotal_bytes");
  const available = one(samples, "node_memory_MemAvailable_bytes");
  const l1 = one(samples, "node_load1");
  const l5 = one(samples, "node_load5");
  const l15 = one(samples, "node_load15");
  const boot = one(samples, "node_boot_time_seconds");
  const time = one(samples, "node_time_seconds") ?? now.at;
  const dt = before ? now.at - before.at : 0;
  const busy = before ? now.cpuTotal - before.cpuTotal : 0;
  const cpu = before && busy > 0 ? Math.min(100, Math.max(0, 100 * (1 - (now.cpuIdle - before.cpuIdle) / busy))) : null;
  return {
    cpuPercent: cpu,
    memTotalBytes: total,
    memUsedBytes: total !== null && available !== null ? total - available : null,
    disks: disksOf(samples),
    load: l1 !== null && l5 !== null && l15 !== null ? [l1, l5, l15] : null,
    uptimeSeconds: boot !== null ? Math.max(0, time - boot) : null,
    netInBytesPerSec: before ? rate(now.netIn, before.netIn, dt) : null,
    netOutBytesPerSec: before ? rate(now.netOut, before.netOut, dt) : null,
  };
}
