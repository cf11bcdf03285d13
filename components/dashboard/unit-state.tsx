import type { WireUnit } from "@/lib/live/events";

/** red: stopped or failed; amber: changing; green: running; grey: not known (yet). */
function tone(state: string): string {
  if (state === "active") return "text-(--color-up)";
  if (state === "failed" || state === "inactive") return "text-(--color-down)";
  if (state === "unknown") return "text-(--color-muted)";
  return "text-(--color-slow)";
}

/** The unit name with its live systemd state (pushed over the socket). */
export function UnitState({ name, unit, error }: { name: string; unit: WireUnit | undefined; error: string | null }) {
  const state = unit?.activeState ?? "unknown";
  const text = unit && state !== "unknown" ? `${state}${unit.subState && unit.subState !== state ? ` (${unit.subState})` : ""}` : error ? "unreachable" : "…";
  const since = unit?.since ? ` since ${new Date(unit.since).toLocaleString()}` : "";
  const extra = [unit?.mainPid ? `PID ${unit.mainPid}` : "", unit?.restarts ? `${unit.restarts} restarts` : "", unit?.memoryBytes ? `${Math.round(unit.memoryBytes / 1048576)} MiB` : ""].filter(Boolean).join(", ");
  return (
    <span
      data-testid="unit-state"
      data-state={state}
      className={`inline-flex items-center gap-1 font-mono ${tone(state)}`}
      title={error ?? `${name}: ${text}${since}${extra ? ` — ${extra}` : ""}`}
    >
      <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />
      <span className="text-(--color-muted)">{name}</span>
      <span className="sr-only">: {text}</span>
      <span aria-hidden="true">{text}</span>
    </span>
  );
}
