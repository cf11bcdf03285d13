// How figures read on cards and the machine page (server and browser alike; no locale).
const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

export function size(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return "—";
  let v = Math.max(0, bytes);
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(v) : v.toFixed(v >= 100 ? 0 : 1)} ${UNITS[i]}`;
}

export const rate = (bytesPerSec: number | null) => (bytesPerSec === null ? "—" : `${size(bytesPerSec)}/s`);

export function pct(part: number | null, whole?: number | null): string {
  if (part === null || (whole !== undefined && !whole)) return "—";
  const v = whole ? (100 * part) / whole : part;
  return `${v < 10 ? v.toFixed(1) : Math.round(v)}%`;
}

export function uptime(seconds: number | null): string {
  if (seconds === null) return "—";
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** SVG polyline points for values in [0, max] in a width × height box (y grows down). */
export function polyline(values: readonly number[], width: number, height: number, max = 100): string {
  if (values.length < 2) return "";
  const step = width / (values.length - 1);
  const top = Math.max(max, 1e-9);
  return values
    .map((v, i) => `${Math.round(i * step * 10) / 10},${Math.round((height - 0.5 - (Math.min(v, top) / top) * (height - 1)) * 10) / 10}`)
    .join(" ");
}
