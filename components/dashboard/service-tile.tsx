import { Icon } from "@/components/ui/icon";
import type { TileData } from "@/lib/dashboard/types";
import type { HealthResult } from "@/lib/health/types";
import type { WireUnit } from "@/lib/live/events";
import { HealthBadge } from "./health-badge";
import { UnitState } from "./unit-state";
import { visible } from "@/lib/text/visible";

type Props = { tile: TileData; health: HealthResult | undefined; unit?: WireUnit; unitError?: string | null };

export function ServiceTile({ tile, health, unit, unitError = null }: Props) {
  const href = tile.url ?? tile.docsUrl;
  return (
    <article
      data-testid="service-tile"
      data-slug={tile.slug}
      data-unit-state={unit?.activeState}
      className="relative flex min-h-24 gap-3 rounded-xl border border-(--color-line) bg-(--color-panel) p-4 shadow-sm transition hover:border-(--color-accent)/60 focus-within:border-(--color-accent)"
    >
      <div className="mt-0.5 text-(--color-accent)">
        <Icon name={tile.icon} />
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex items-start justify-between gap-2">
          <h3 className="font-semibold leading-tight">
            {href ? (
              <a
                data-nav
                href={href}
                target="_blank"
                rel="noreferrer"
                className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none"
              >
                {visible(tile.name)}
              </a>
            ) : (
              <span data-nav tabIndex={0} className="focus-visible:outline-none">
                {visible(tile.name)}
              </span>
            )}
          </h3>
          {tile.hasCheck && <HealthBadge result={health} label={visible(tile.name)} />}
        </div>
        <p className="mt-1 text-sm text-(--color-muted)">{visible(tile.description)}</p>
        <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-(--color-muted)">
          {tile.url && <span className="truncate">{new URL(tile.url).host}</span>}
          {tile.unit &&
            (tile.machine ? (
              <UnitState name={tile.unit} unit={unit} error={unitError} machine={tile.machine} />
            ) : (
              <span className="font-mono">{tile.unit}</span>
            ))}
          {tile.ports && <span>{tile.ports}</span>}
          {tile.unit && tile.machine && (
            <a
              href={`/journal?machine=${encodeURIComponent(tile.machine)}&unit=${encodeURIComponent(tile.unit)}`}
              className="relative z-10 underline-offset-2 hover:underline"
              data-testid="tile-journal"
              aria-label={`Journal of ${tile.unit} on ${tile.machine}`}
            >
              journal
            </a>
          )}
          {tile.docsUrl && tile.url && (
            <a href={tile.docsUrl} target="_blank" rel="noreferrer" className="relative z-10 underline-offset-2 hover:underline">
              docs
            </a>
          )}
        </p>
      </div>
    </article>
  );
}
