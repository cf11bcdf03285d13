import type { WireUnit } from "@/lib/live/events";
import { TONE_CLASS, unitStateView } from "./unit-state-view";

/** The unit name with its live systemd state (pushed over the socket). */
export function UnitState({
  name,
  unit,
  error,
  machine = null,
}: {
  name: string;
  unit: WireUnit | undefined;
  error: string | null;
  machine?: string | null;
}) {
  const state = unit?.activeState ?? "unknown";
  const view = unitStateView(state, unit?.subState ?? "", machine);
  const text = unit && state !== "unknown" ? view.text : error ? "unreachable" : "…";
  const since = unit?.since ? ` since ${new Date(unit.since).toLocaleString()}` : "";
  const extra = [
    unit?.mainPid ? `PID ${unit.mainPid}` : "",
    unit?.restarts ? `${unit.restarts} restarts` : "",
    unit?.memoryBytes ? `${Math.round(unit.memoryBytes / 1048576)} MiB` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <span
      data-testid="unit-state"
      data-state={state}
      className={`inline-flex max-w-full flex-wrap items-center gap-x-1 font-mono [overflow-wrap:anywhere] ${TONE_CLASS[view.tone]}`}
      title={error ?? view.title ?? `${name}: ${text}${since}${extra ? ` — ${extra}` : ""}`}
    >
      <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />
      <span className="text-(--color-muted)">{name}</span>
      <span className="sr-only">: {text}</span>
      <span aria-hidden="true">{text}</span>
    </span>
  );
}
