"use client";
// The machine's service units with their state (server-rendered, then live from units:subscribe),
// and Restart (asks first; server action, audited).
import { useId, useRef, useState } from "react";
import { useUnits } from "@/components/live/use-units";
import { unitStateView } from "@/components/dashboard/unit-state-view";
import { Button } from "@/components/ui/button";
import { formatTime } from "./format";

export type UnitRow = { service: string; unit: string; activeState: string; subState: string; since: string | null };
export type RestartResult = { ok: true; unit: UnitRow | null } | { ok: false; message: string };
type Props = { machine: string; units: UnitRow[]; denied: string | null; restart: (unit: string) => Promise<RestartResult> };

const STATE_STYLE: Record<string, string> = {
  active: "text-(--color-up)",
  failed: "text-(--color-down)",
  activating: "text-(--color-slow)",
  deactivating: "text-(--color-slow)",
  reloading: "text-(--color-slow)",
};

function UnitItem({
  machine,
  row,
  live,
  denied,
  restart,
}: {
  machine: string;
  row: UnitRow;
  live: UnitRow | null;
  denied: string | null;
  restart: Props["restart"];
}) {
  const [restarted, setState] = useState<UnitRow | null>(null);
  const state = live ?? restarted ?? row;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();

  async function confirm() {
    setPending(true);
    setError(null);
    const r = await restart(row.unit).catch((e: unknown) => ({ ok: false as const, message: e instanceof Error ? e.message : "failed" }));
    setPending(false);
    if (r.ok) {
      if (r.unit) setState({ ...r.unit, service: row.service });
      dialog.current?.close();
    } else setError(r.message);
  }

  return (
    <li
      data-testid="unit-row"
      data-unit={row.unit}
      data-state={state.activeState}
      className="flex flex-wrap items-center justify-between gap-3 border-b border-(--color-line) py-2 last:border-0"
    >
      <div className="min-w-0">
        <p className="font-medium">{row.service}</p>
        <p className="text-xs text-(--color-muted)">
          <code>{row.unit}</code> ·{" "}
          {state.activeState === "not-found" ? (
            <span
              data-testid="unit-state"
              className="text-(--color-muted)"
              title={unitStateView("not-found", "", machine).title ?? undefined}
            >
              not found
            </span>
          ) : (
            <span data-testid="unit-state" className={STATE_STYLE[state.activeState] ?? ""}>
              {state.activeState}
              {state.subState ? ` (${state.subState})` : ""}
            </span>
          )}
          {state.since ? ` · since ${formatTime(state.since)}` : ""}
        </p>
      </div>
      <Button type="button" disabled={denied !== null} title={denied ?? undefined} onClick={() => dialog.current?.showModal()}>
        Restart…
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-t`}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-(--color-line) bg-(--color-panel) p-0 text-(--color-ink) backdrop:bg-black/50"
      >
        <div className="grid grid-cols-[minmax(0,1fr)] gap-4 p-5">
          <h2 id={`${id}-t`} className="text-lg font-semibold">
            Restart {row.unit} on {machine}?
          </h2>
          <p className="text-sm text-(--color-muted)">
            Runs <code>systemctl restart -- {row.unit}</code> on {machine}. The service is briefly unavailable.
          </p>
          {error && (
            <p role="alert" className="text-sm text-(--color-down)">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-3">
            <Button type="button" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </Button>
            <Button type="button" variant="primary" disabled={pending} onClick={() => void confirm()}>
              {pending ? "Restarting…" : "Restart"}
            </Button>
          </div>
        </div>
      </dialog>
    </li>
  );
}

export function UnitsList({ machine, units, denied, restart }: Props) {
  const live = useUnits([machine])[machine];
  const liveRow = (unit: string): UnitRow | null => {
    const u = live && !live.error ? live.units.find((x) => x.unit === unit) : undefined;
    return u && u.activeState !== "unknown"
      ? { service: u.service, unit: u.unit, activeState: u.activeState, subState: u.subState, since: u.since }
      : null;
  };
  if (units.length === 0)
    return <p className="text-sm text-(--color-muted)">No service of this machine names a systemd unit in the inventory.</p>;
  return (
    <ul data-testid="units" className="grid grid-cols-[minmax(0,1fr)]">
      {units.map((u) => (
        <UnitItem key={u.unit} machine={machine} row={u} live={liveRow(u.unit)} denied={denied} restart={restart} />
      ))}
    </ul>
  );
}
