import type { TileHistory } from "@/lib/history/types";
import { SPARK_HEIGHT, SPARK_WIDTH } from "@/lib/history/sparkline";

/** 0.99987 → "99.98%": rounded down, so a bad minute never shows as 100%. */
export function percent(share: number | null): string {
  if (share === null) return "no data";
  if (share === 1) return "100%";
  return `${(Math.floor(share * 10_000) / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

/** The server-drawn latency line of the last 24 h (hourly means); nothing without two points. */
export function Sparkline({ history, className }: { history: TileHistory; className?: string }) {
  if (!history.spark) return null;
  return (
    <svg
      data-testid="latency-spark"
      viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={`Latency over 24 hours, up to ${history.sparkMaxMs} ms`}
      className={className ?? "h-3 w-12 text-(--color-accent)"}
    >
      <polyline points={history.spark} fill="none" stroke="currentColor" strokeWidth={1} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

/** Uptime for 24 h / 7 d / 30 d, the sparkline and a link to the service's history page. */
export function TileUptime({ slug, history }: { slug: string; history: TileHistory }) {
  const { day, week, month } = history.uptime;
  return (
    <p data-testid="tile-uptime" className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-(--color-muted)">
      <span title="Uptime over the last 24 hours, 7 days and 30 days">
        {month === null ? (
          "uptime: no data yet"
        ) : (
          <>
            <span className="font-medium text-(--color-ink)">{percent(day)}</span> 24 h · {percent(week)} 7 d · {percent(month)} 30 d
          </>
        )}
      </span>
      <Sparkline history={history} />
      <a
        href={`/services/${encodeURIComponent(slug)}`}
        data-testid="tile-history"
        className="relative z-10 underline-offset-2 hover:underline"
      >
        history
      </a>
    </p>
  );
}
