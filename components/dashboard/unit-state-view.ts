// How a unit's systemd state reads on the dashboard tile and the machine page: the words, the
// colour, and what the tooltip says. "not-found" (systemd has no such unit) is its own grey state,
// not the red "inactive" of a stopped unit.
export type UnitTone = "up" | "down" | "changing" | "muted";

export type UnitStateView = { text: string; tone: UnitTone; title: string | null };

export function unitStateView(activeState: string, subState: string, machine: string | null): UnitStateView {
  if (activeState === "not-found")
    return { text: "not found", tone: "muted", title: machine ? `no such unit on ${machine}` : "no such unit" };
  const text = `${activeState}${subState && subState !== activeState ? ` (${subState})` : ""}`;
  if (activeState === "active") return { text, tone: "up", title: null };
  if (activeState === "failed" || activeState === "inactive") return { text, tone: "down", title: null };
  if (activeState === "unknown") return { text, tone: "muted", title: null };
  return { text, tone: "changing", title: null };
}

export const TONE_CLASS: Record<UnitTone, string> = {
  up: "text-(--color-up)",
  down: "text-(--color-down)",
  changing: "text-(--color-slow)",
  muted: "text-(--color-muted)",
};
