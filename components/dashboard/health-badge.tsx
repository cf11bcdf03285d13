import type { HealthResult } from "@/lib/health/types";

const STYLE: Record<string, string> = {
  up: "text-(--color-up) border-(--color-up)/40",
  slow: "text-(--color-slow) border-(--color-slow)/40",
  down: "text-(--color-down) border-(--color-down)/40",
  unknown: "text-(--color-muted) border-(--color-line)",
};

const LABEL: Record<string, string> = { up: "up", slow: "slow", down: "down", unknown: "unknown" };

export function HealthBadge({ result, label }: { result: HealthResult | undefined; label: string }) {
  const status = result?.status ?? "unknown";
  const latency = result?.latencyMs != null ? ` ${result.latencyMs} ms` : "";
  const title = result ? `${result.detail} (checked ${new Date(result.checkedAt).toLocaleTimeString()})` : "not checked yet";
  return (
    <span
      data-testid="health"
      data-status={status}
      role="status"
      aria-label={`${label}: ${LABEL[status]}${latency}`}
      title={title}
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium ${STYLE[status]}`}
    >
      <span aria-hidden="true" className="size-2 rounded-full bg-current" />
      {LABEL[status]}
      {latency && <span className="tabular-nums opacity-80">{latency}</span>}
    </span>
  );
}
