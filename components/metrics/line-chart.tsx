import { polyline } from "@/lib/metrics/format";

const W = 300;
const H = 60;

/** A light SVG line chart: one series of [epoch seconds, value], scaled to `max` (or its own peak). */
export function LineChart({
  label,
  points,
  max,
  format,
}: {
  label: string;
  points: [number, number][];
  max?: number;
  format: (v: number) => string;
}) {
  const values = points.map(([, v]) => v);
  const peak = max ?? Math.max(...values, 0);
  const line = polyline(values, W, H, peak);
  const last = values.at(-1);
  return (
    <figure data-testid="metrics-chart" data-label={label} className="min-w-0">
      <figcaption className="flex justify-between text-xs text-(--color-muted)">
        <span>{label}</span>
        <span>{last === undefined ? "no data" : `now ${format(last)} · peak ${format(Math.max(...values))}`}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={label}
        className="mt-1 h-16 w-full rounded border border-(--color-line) text-(--color-accent)"
      >
        {line && <polyline points={line} fill="none" stroke="currentColor" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />}
      </svg>
    </figure>
  );
}
