// Parser for what activation would do, from `switch-to-configuration dry-activate` (run by
// deploy-rs `--dry-activate`). NixOS prints, each only when non-empty:
//   "would stop the following units: a.service, b.service"
//   "would NOT stop the following changed units: c.service"
//   "would restart the following units: grafana.service"
//   "would reload the following units: caddy.service"
//   "would start the following units: d.service"
//   "would restart systemd" / "would activate the configuration..."
// Lines may carry deploy-rs's log prefix or ANSI colour; both are tolerated.
import { stripAnsi } from "./ansi";

export type ActivationUnits = { stop: string[]; restart: string[]; reload: string[]; start: string[]; keep: string[] };

const LINE = /would (stop|NOT stop|restart|reload|start) the following (?:changed )?units: (.*)$/;
const KEY = { stop: "stop", "NOT stop": "keep", restart: "restart", reload: "reload", start: "start" } as const;

export function emptyActivation(): ActivationUnits {
  return { stop: [], restart: [], reload: [], start: [], keep: [] };
}

/** Adds one output line's units to `into`; true when the line was an activation line. */
export function scanActivationLine(into: ActivationUnits, raw: string): boolean {
  const m = LINE.exec(stripAnsi(raw).replace(/\r$/, "").trimEnd());
  if (!m) return false;
  const list = into[KEY[m[1] as keyof typeof KEY]];
  for (const unit of m[2].split(",").map((u) => u.trim()).filter(Boolean)) if (!list.includes(unit)) list.push(unit);
  return true;
}

export function parseActivation(output: string): ActivationUnits {
  const units = emptyActivation();
  for (const line of output.split("\n")) scanActivationLine(units, line);
  return units;
}

export function activationIsEmpty(a: ActivationUnits): boolean {
  return a.stop.length + a.restart.length + a.reload.length + a.start.length === 0;
}
