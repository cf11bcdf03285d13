import { pct, polyline, size } from "@/lib/metrics/format";
import type { WireMetrics } from "@/lib/metrics/types";

const W = 48;
const H = 12;

/** A machine card's line: CPU, memory and fullest disk now, and recent CPU as a tiny SVG line. */
export function ResourceSummary({ state }: { state: WireMetrics | undefined }) {
  if (!state) {
    return (
      <p data-testid="machine-resources" data-state="waiting" className="mt-1 text-xs text-(--color-muted)">
        resources…
      </p>
    );
  }
  const f = state.figures;
  if (!f) {
    return (
      <p
        data-testid="machine-resources"
        data-state="no-data"
        title={state.error ?? undefined}
        className="mt-1 text-xs text-(--color-muted)"
      >
        <span className="font-medium">no data</span>
        <span className="hidden sm:inline">: {state.error}</span>
      </p>
    );
  }
  const disk = f.disks.reduce<(typeof f.disks)[number] | null>(
    (a, d) => (!a || d.usedBytes / d.sizeBytes > a.usedBytes / a.sizeBytes ? d : a),
    null,
  );
  const points = polyline(state.cpuSpark, W, H);
  return (
    <p
      data-testid="machine-resources"
      data-state="data"
      className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-(--color-muted)"
    >
      <span data-testid="machine-cpu" data-value={f.cpuPercent ?? ""}>
        CPU <span className="font-medium text-(--color-ink)">{pct(f.cpuPercent)}</span>
      </span>
      <span data-testid="machine-mem" data-value={f.memUsedBytes ?? ""} title={`${size(f.memUsedBytes)} of ${size(f.memTotalBytes)}`}>
        mem <span className="font-medium text-(--color-ink)">{pct(f.memUsedBytes, f.memTotalBytes)}</span>
      </span>
      {disk && (
        <span
          data-testid="machine-disk"
          className="hidden sm:inline"
          title={`${disk.mount}: ${size(disk.usedBytes)} of ${size(disk.sizeBytes)}`}
        >
          disk <span className="font-medium text-(--color-ink)">{pct(disk.usedBytes, disk.sizeBytes)}</span>
        </span>
      )}
      {points && (
        <svg
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          role="img"
          aria-label="Recent CPU"
          className="hidden h-3 w-12 text-(--color-accent) sm:block"
        >
          <polyline points={points} fill="none" stroke="currentColor" strokeWidth={1} vectorEffect="non-scaling-stroke" />
        </svg>
      )}
    </p>
  );
}
