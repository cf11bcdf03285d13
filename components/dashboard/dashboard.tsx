"use client";
// The dashboard island: instant search ("/" focuses it), arrow-key navigation, live health.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { groupBy, matches } from "@/lib/dashboard/filter";
import type { MachineCardData, TileData } from "@/lib/dashboard/types";
import { machineKey, serviceKey, type HealthSnapshot } from "@/lib/health/types";
import type { TileHistory } from "@/lib/history/types";
import { MachineCard } from "./machine-card";
import { ServiceTile } from "./service-tile";
import { useLiveHealth } from "./use-live-health";
import { useUnits } from "@/components/live/use-units";
import { useMetrics } from "@/components/live/use-metrics";
import { useKeyboardNav } from "./use-keyboard-nav";
import { visible } from "@/lib/text/visible";
import { FleetBar, FleetCheckbox, FleetSelectProvider } from "@/components/fleet/fleet-select";

// Phone: two columns of compact tiles and tight headings, so the homelab fits one screen.
const HEADING = "mb-1 text-xs font-semibold tracking-wide text-(--color-muted) uppercase sm:mb-2 sm:text-sm";

/** `history`: uptime and sparkline per service slug, as of the render (refreshed with the page). */
/** `canDeploy`: the user may start deploys (jobs:run): the machine cards get fleet checkboxes. */
type Props = {
  tiles: TileData[];
  machines: MachineCardData[];
  health: HealthSnapshot;
  history: Record<string, TileHistory>;
  canDeploy?: boolean;
};

export function Dashboard({ tiles, machines, health: initial, history, canDeploy = false }: Props) {
  const [query, setQuery] = useState("");
  const { health, connection } = useLiveHealth(initial);
  const unitMachines = useMemo(() => tiles.flatMap((t) => (t.unit && t.machine ? [t.machine] : [])), [tiles]);
  const units = useUnits(unitMachines);
  // Anonymous visitors get no machines, so they never subscribe to resources.
  const metrics = useMetrics(useMemo(() => machines.map((m) => m.name), [machines]));
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const clearQuery = useCallback(() => setQuery(""), []);
  useKeyboardNav(search, list, clearQuery);

  const shownTiles = useMemo(
    () => tiles.filter((t) => matches(query, [t.name, t.group, t.description, t.url, t.unit, t.machine, t.slug])),
    [tiles, query],
  );
  const shownMachines = useMemo(
    () => machines.filter((m) => matches(query, [m.name, m.system, m.role, m.description, m.address])),
    [machines, query],
  );
  const nothing = shownTiles.length === 0 && shownMachines.length === 0;
  const eligible = useMemo(() => machines.filter((m) => m.deployable && m.address).map((m) => m.name), [machines]);
  const cards = (
    <div className="grid grid-cols-2 gap-2 sm:gap-3 lg:grid-cols-3">
      {shownMachines.map((m) => (
        <MachineCard
          key={m.name}
          machine={m}
          health={health[machineKey(m.name)]}
          metrics={metrics[m.name]}
          select={canDeploy ? <FleetCheckbox name={m.name} /> : undefined}
        />
      ))}
    </div>
  );

  useEffect(() => {
    document.documentElement.dataset.live = connection;
  }, [connection]);

  return (
    <>
      <div className="sticky top-0 z-20 -mx-4 mb-2 bg-(--color-bg)/90 px-4 py-2 backdrop-blur sm:mb-4 sm:py-3">
        <label className="relative block">
          <span className="sr-only">Search services and machines</span>
          <input
            ref={search}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search services and machines…"
            autoComplete="off"
            enterKeyHint="search"
            className="h-11 w-full rounded-xl sm:h-12 border border-(--color-line) bg-(--color-panel) px-4 pr-12 text-base outline-none focus:border-(--color-accent)"
          />
          <kbd className="pointer-events-none absolute top-1/2 right-3 hidden -translate-y-1/2 rounded border border-(--color-line) px-1.5 text-xs text-(--color-muted) sm:block">
            /
          </kbd>
        </label>
        <p className="mt-0.5 text-xs text-(--color-muted) sm:mt-1" aria-live="polite" data-testid="live-state">
          {connection === "live" ? "Live" : connection === "connecting" ? "Connecting…" : "Offline: statuses may be stale, reconnecting…"}
        </p>
      </div>

      <div ref={list}>
        {nothing && (
          <p className="rounded-xl border border-dashed border-(--color-line) p-8 text-center text-(--color-muted)">
            {tiles.length + machines.length === 0 ? "The inventory is empty: add a machine or a service." : `Nothing matches “${query}”.`}
          </p>
        )}
        {groupBy(shownTiles, (t) => t.group).map(([group, items]) => (
          <section key={group} className="mb-3 sm:mb-6" aria-labelledby={`g-${group}`}>
            <h2 id={`g-${group}`} className={HEADING}>
              {visible(group)}
            </h2>
            <div className="grid grid-cols-2 gap-2 sm:gap-3 lg:grid-cols-3 xl:grid-cols-4">
              {items.map((t) => {
                const m = t.machine ? units[t.machine] : undefined;
                return (
                  <ServiceTile
                    key={t.slug}
                    tile={t}
                    health={health[serviceKey(t.slug)]}
                    history={history[t.slug]}
                    unit={m?.units.find((u) => u.service === t.slug)}
                    unitError={m?.error ?? null}
                  />
                );
              })}
            </div>
          </section>
        ))}
        {shownMachines.length > 0 && (
          <section className="mb-3 sm:mb-6" aria-labelledby="g-machines">
            <h2 id="g-machines" className={HEADING}>
              Machines
            </h2>
            {canDeploy ? (
              <FleetSelectProvider eligible={eligible}>
                <FleetBar />
                {cards}
              </FleetSelectProvider>
            ) : (
              cards
            )}
          </section>
        )}
      </div>
    </>
  );
}
