// Machine resources as server and browser share them (sent by "metrics:state", drawn by the cards).
export type DiskFigure = { mount: string; usedBytes: number; sizeBytes: number };

export type MachineFigures = {
  cpuPercent: number | null;
  memUsedBytes: number | null;
  memTotalBytes: number | null;
  disks: DiskFigure[];
  load: [number, number, number] | null;
  uptimeSeconds: number | null;
  netInBytesPerSec: number | null;
  netOutBytesPerSec: number | null;
};

export type MetricsSourceKind = "victoriametrics" | "node_exporter";

/** One machine's resources now: `figures` null = no data, and `error` says why. `cpuSpark`: recent CPU %, oldest first. */
export type WireMetrics = {
  machine: string;
  source: MetricsSourceKind | null;
  at: string;
  figures: MachineFigures | null;
  error: string | null;
  cpuSpark: number[];
};

export const METRICS_RANGES = ["1h", "24h", "7d"] as const;
export type MetricsRange = (typeof METRICS_RANGES)[number];

/** A chart's series: points [epoch seconds, value]. */
export type WireSeries = {
  machine: string;
  range: MetricsRange;
  cpuPercent: [number, number][];
  memUsedPercent: [number, number][];
  netInBytesPerSec: [number, number][];
  netOutBytesPerSec: [number, number][];
};
