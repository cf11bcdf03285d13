import type { ReactNode } from "react";
import { Icon } from "@/components/ui/icon";
import type { MachineCardData } from "@/lib/dashboard/types";
import type { HealthResult } from "@/lib/health/types";
import { ResourceSummary } from "@/components/metrics/resource-summary";
import type { WireMetrics } from "@/lib/metrics/types";
import { HealthBadge } from "./health-badge";

/** A machine: name and SSH status; system, role, address and service count from `sm` up (on a phone its page has them, a tap away). */
type Props = { machine: MachineCardData; health: HealthResult | undefined; metrics: WireMetrics | undefined; select?: ReactNode };

/** `metrics`: the latest pushed reading of its resources (CPU, memory, fullest disk, a CPU line); `select`: its fleet checkbox. */
export function MachineCard({ machine, health, metrics, select }: Props) {
  return (
    <article
      data-testid="machine-card"
      data-name={machine.name}
      className="relative flex gap-2 rounded-xl border border-(--color-line) bg-(--color-panel) p-3 shadow-sm sm:gap-3 sm:p-4"
    >
      <div className="mt-0.5 shrink-0 text-(--color-accent)">
        <Icon name="server" className="size-5 sm:size-6" />
      </div>
      {/* Above the card-wide link, so the checkbox gets its own clicks. */}
      {select && <div className="relative z-10 order-last -mt-3 -mr-3 shrink-0">{select}</div>}
      <div className="min-w-0 flex-1">
        <div className="flex flex-col items-start gap-1 sm:flex-row sm:justify-between sm:gap-2">
          <h3 className="max-w-full text-sm leading-tight font-semibold [overflow-wrap:anywhere] sm:text-base">
            <a
              data-nav
              href={`/machines/${machine.name}`}
              className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none"
            >
              {machine.name}
            </a>
          </h3>
          {machine.address ? (
            <HealthBadge result={health} label={`${machine.name} SSH`} />
          ) : (
            <span className="text-xs text-(--color-muted)">no SSH</span>
          )}
        </div>
        <ResourceSummary state={metrics} />
        <div data-testid="machine-detail" className="hidden sm:block">
          <p className="mt-1 text-sm text-(--color-muted)">
            <span className="font-mono">{machine.system}</span> · {machine.role}
            {machine.deployable ? "" : " · not deployable"}
          </p>
          <p className="mt-1 truncate text-xs text-(--color-muted)">
            {machine.address ?? "—"} · {machine.services} service{machine.services === 1 ? "" : "s"}
          </p>
        </div>
      </div>
    </article>
  );
}
