// Parser for what activation does, from switch-to-configuration (NixOS; the Rust -ng version and the
// Perl one print the same lines, on stderr, each only when non-empty).
// `dry-activate` (run by deploy-rs `--dry-activate`):
//   "would stop the following units: a.service, b.service"
//   "would NOT stop the following changed units: c.service"
//   "would restart the following units: grafana.service"
//   "would reload the following units: caddy.service"
//   "would start the following units: d.service"
//   "would restart systemd" / "would activate the configuration..." / "would stop swap device: /dev/x"
// `switch` / `test`: the same lists as "stopping …", "NOT restarting the following changed units: …",
//   "reloading …", "restarting …", "starting the following units: …", then
//   "the following new units were started: …" and "warning: the following units failed: …".
// Lines may carry deploy-rs's log prefix or ANSI colour; both are tolerated. Lines of other tools are
// not activation output and are ignored; a line in switch-to-configuration's vocabulary ("would …",
// "… the following … units: …") that this parser cannot place is reported as unrecognised.
import { noteUnrecognised, noUnrecognised, type Unrecognised } from "../parse/unrecognised";
import { stripAnsi } from "./ansi";

export type ActivationUnits = {
  stop: string[];
  restart: string[];
  reload: string[];
  start: string[];
  keep: string[];
  unrecognised: Unrecognised;
};
export type SwitchUnits = ActivationUnits & { started: string[]; failed: string[] };
export type ActivationMode = "dry-activate" | "switch";

type ListKey = "stop" | "restart" | "reload" | "start" | "keep" | "started" | "failed";

const DRY = /would (stop|NOT stop|restart|reload|start) the following (?:changed )?units: (.*)$/;
const DRY_KEY = { stop: "stop", "NOT stop": "keep", restart: "restart", reload: "reload", start: "start" } as const;
const DRY_OTHER = /would (?:restart systemd|activate the configuration\.\.\.|stop swap device: .*)$/;

const SWITCH =
  /(stopping|NOT restarting|reloading|restarting|starting) the following (?:changed )?units: (.*)$|the following new units were started: (.*)$|warning: the following units failed: (.*)$/;
const SWITCH_KEY = { stopping: "stop", "NOT restarting": "keep", reloading: "reload", restarting: "restart", starting: "start" } as const;

/** switch-to-configuration's own words: a line like this that is not understood is worth showing. */
const VOCABULARY = /(?:^|\] )would \S|the following (?:\S+ )?units\b/;

export function emptyActivation(): ActivationUnits {
  return { stop: [], restart: [], reload: [], start: [], keep: [], unrecognised: noUnrecognised() };
}

function emptySwitch(): SwitchUnits {
  return { ...emptyActivation(), started: [], failed: [] };
}

function add(list: string[], units: string): void {
  for (const unit of units
    .split(",")
    .map((u) => u.trim())
    .filter(Boolean))
    if (!list.includes(unit)) list.push(unit);
}

const clean = (raw: string) => stripAnsi(raw).replace(/\r$/, "").trimEnd();

/** Adds one dry-activate output line's units to `into`; true when the line was dry-activate output. */
export function scanActivationLine(into: ActivationUnits, raw: string): boolean {
  const line = clean(raw);
  const m = DRY.exec(line);
  if (m) {
    add(into[DRY_KEY[m[1] as keyof typeof DRY_KEY]], m[2]);
    return true;
  }
  if (DRY_OTHER.test(line)) return true;
  if (VOCABULARY.test(line)) noteUnrecognised(into.unrecognised, line);
  return false;
}

/** Adds one line of a real switch's output to `into`; true when the line was switch output. */
export function scanSwitchLine(into: SwitchUnits, raw: string): boolean {
  const line = clean(raw);
  const m = SWITCH.exec(line);
  if (!m) {
    if (VOCABULARY.test(line)) noteUnrecognised(into.unrecognised, line);
    return false;
  }
  const key: ListKey = m[1] ? SWITCH_KEY[m[1] as keyof typeof SWITCH_KEY] : m[3] !== undefined ? "started" : "failed";
  add(into[key], m[2] ?? m[3] ?? m[4]);
  return true;
}

export function parseActivation(output: string): ActivationUnits {
  const units = emptyActivation();
  for (const line of output.split("\n")) scanActivationLine(units, line);
  return units;
}

export function parseSwitch(output: string): SwitchUnits {
  const units = emptySwitch();
  for (const line of output.split("\n")) scanSwitchLine(units, line);
  return units;
}

export function activationIsEmpty(a: ActivationUnits): boolean {
  return a.stop.length + a.restart.length + a.reload.length + a.start.length === 0;
}
