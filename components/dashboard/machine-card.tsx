import { Icon } from "@/components/ui/icon";
import type { MachineCardData } from "@/lib/dashboard/types";
import type { HealthResult } from "@/lib/health/types";
import { HealthBadge } from "./health-badge";

export function MachineCard({ machine, health }: { machine: MachineCardData; health: HealthResult | undefined }) {
  return (
    <article
      data-testid="machine-card"
      data-name={machine.name}
      className="relative flex gap-3 rounded-xl border border-(--color-line) bg-(--color-panel) p-4 shadow-sm"
    >
      <div className="mt-0.5 text-(--color-accent)">
        <Icon name="server" />
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex items-start justify-between gap-2">
          <h3 className="font-semibold leading-tight">
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
        <p className="mt-1 text-sm text-(--color-muted)">
          <span className="font-mono">{machine.system}</span> · {machine.role}
          {machine.deployable ? "" : " · not deployable"}
        </p>
        <p className="mt-1 truncate text-xs text-(--color-muted)">
          {machine.address ?? "—"} · {machine.services} service{machine.services === 1 ? "" : "s"}
        </p>
      </div>
    </article>
  );
}
