import { Icon } from "@/components/ui/icon";
import type { TileData } from "@/lib/dashboard/types";
import type { HealthResult } from "@/lib/health/types";
import type { TileHistory } from "@/lib/history/types";
import type { WireUnit } from "@/lib/live/events";
import { HealthBadge } from "./health-badge";
import { TileFold } from "./tile-fold";
import { TileUptime } from "./tile-uptime";
import { UnitState } from "./unit-state";
import { visible } from "@/lib/text/visible";

type Props = { tile: TileData; health: HealthResult | undefined; history?: TileHistory; unit?: WireUnit; unitError?: string | null };

/**
 * A service: icon, name and status (with latency) always; description, why it is down, uptime and
 * latency sparkline (with a link to its history), host, unit, ports and links below. On a phone those fold away until the tile is tapped (TileFold, CSS only);
 * from `sm` up they are always shown and the whole tile opens the service.
 */
export function ServiceTile({ tile, health, history, unit, unitError = null }: Props) {
  const href = tile.url ?? tile.docsUrl;
  const name = visible(tile.name);
  const reason = health && (health.status === "down" || health.status === "slow") ? visible(health.detail) : null;
  return (
    <article
      data-testid="service-tile"
      data-slug={tile.slug}
      data-unit-state={unit?.activeState}
      data-fold
      className="relative flex gap-2 rounded-xl border border-(--color-line) bg-(--color-panel) p-3 shadow-sm transition data-[unit-state=failed]:border-(--color-down) data-[unit-state=inactive]:border-(--color-down) hover:border-(--color-accent)/60 focus-within:border-(--color-accent) sm:min-h-24 sm:gap-3 sm:p-4"
    >
      <div className="mt-0.5 shrink-0 text-(--color-accent)">
        <Icon name={tile.icon} className="size-5 sm:size-6" />
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex flex-col items-start gap-1 sm:flex-row sm:justify-between sm:gap-2">
          <h3 className="max-w-full text-sm leading-tight font-semibold [overflow-wrap:anywhere] sm:text-base">
            {href ? (
              <a
                data-nav
                href={href}
                target="_blank"
                rel="noreferrer"
                className="focus-visible:outline-none sm:after:absolute sm:after:inset-0 sm:after:rounded-xl"
              >
                {name}
              </a>
            ) : (
              <span data-nav tabIndex={0} className="focus-visible:outline-none">
                {name}
              </span>
            )}
          </h3>
          {tile.hasCheck && <HealthBadge result={health} label={name} />}
        </div>
        <div data-testid="tile-more" data-fold-body>
          <p data-testid="tile-description" className="mt-1 text-sm text-(--color-muted)">
            {visible(tile.description)}
          </p>
          {reason && (
            <p data-testid="health-reason" className="mt-1 text-xs [overflow-wrap:anywhere] text-(--color-down)">
              {health?.status === "slow" ? "Slow: " : "Down: "}
              {reason}
            </p>
          )}
          {tile.hasCheck && history && <TileUptime slug={tile.slug} history={history} />}
          <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-(--color-muted)">
            {tile.url && (
              <a href={tile.url} target="_blank" rel="noreferrer" className="relative z-10 truncate underline-offset-2 hover:underline">
                {new URL(tile.url).host}
              </a>
            )}
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
      </div>
      <TileFold label={`Details of ${name}`} />
    </article>
  );
}
