"use client";
// Choosing machines for a fleet deploy (dashboard cards, inventory table): a checkbox per machine
// that can be deployed over SSH, "Select all deployable", and "Deploy N machines", which opens the
// plan. Users without jobs:run get none of it (the API refuses them too).
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { FleetPlanDialog } from "./fleet-plan-dialog";

type Ctx = { eligible: string[]; selected: Set<string>; toggle: (name: string, on: boolean) => void; setAll: (names: string[]) => void };
const FleetSelectContext = createContext<Ctx | null>(null);

/** `eligible`: the machines that may be chosen (deployable, with an SSH host and user), in page order. */
export function FleetSelectProvider({ eligible, children }: { eligible: string[]; children: ReactNode }) {
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const value = useMemo<Ctx>(
    () => ({
      eligible,
      selected,
      toggle: (name, on) =>
        setSelected((prev) => {
          const next = new Set(prev);
          if (on) next.add(name);
          else next.delete(name);
          return next;
        }),
      setAll: (names) => setSelected(new Set(names)),
    }),
    [eligible, selected],
  );
  return <FleetSelectContext.Provider value={value}>{children}</FleetSelectContext.Provider>;
}

/** The machine's checkbox, or nothing when it cannot be chosen (or outside a provider: no permission). */
export function FleetCheckbox({ name, className = "" }: { name: string; className?: string }) {
  const c = useContext(FleetSelectContext);
  if (!c || !c.eligible.includes(name)) return null;
  return (
    <label className={`inline-flex min-h-11 min-w-11 cursor-pointer items-center justify-center gap-2 text-sm ${className}`}>
      <input
        type="checkbox"
        data-testid="fleet-select"
        data-machine={name}
        className="size-5 accent-(--color-accent)"
        checked={c.selected.has(name)}
        onChange={(e) => c.toggle(name, e.target.checked)}
      />
      <span className="sr-only">Select {name} for a fleet deploy</span>
    </label>
  );
}

/** "Select all deployable" / "Clear" and "Deploy N machines" (opens the plan). */
export function FleetBar() {
  const c = useContext(FleetSelectContext);
  const [planFor, setPlanFor] = useState<string[] | null>(null);
  if (!c || c.eligible.length === 0) return null;
  const chosen = c.eligible.filter((n) => c.selected.has(n));
  const all = chosen.length === c.eligible.length;
  return (
    <div className="mb-2 flex flex-wrap items-center gap-2" data-testid="fleet-bar">
      <button
        type="button"
        className="inline-flex h-11 items-center rounded-lg border border-(--color-line) px-3 text-sm hover:border-(--color-accent)"
        onClick={() => c.setAll(all ? [] : c.eligible)}
      >
        {all ? "Clear selection" : "Select all deployable"}
      </button>
      <button
        type="button"
        disabled={chosen.length === 0}
        className="inline-flex h-11 items-center rounded-lg border border-transparent bg-(--color-accent) px-4 text-sm font-medium text-white hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-50"
        onClick={() => setPlanFor(chosen)}
      >
        Deploy {chosen.length} machine{chosen.length === 1 ? "" : "s"}
      </button>
      {planFor && <FleetPlanDialog machines={planFor} onClose={() => setPlanFor(null)} />}
    </div>
  );
}
