// Parser for `systemctl show --property=Id,LoadState,ActiveState,... -- unit…`: KEY=VALUE lines, one block
// per unit, blocks separated by a blank line. Values are raw (a Description may contain "=").
// Lines that are not KEY=VALUE, blocks without an Id and timestamps in a zone that cannot be
// resolved exactly are reported as unrecognised (the unit's `since` is then null, never a guess).
import { noteUnrecognised, noUnrecognised, type Unrecognised } from "../parse/unrecognised";
import { readSystemdTimestamp } from "./timestamp";

export interface UnitStatus {
  id: string;
  /**
   * active | inactive | failed | activating | deactivating | reloading, or "not-found" when
   * systemd has no such unit (LoadState=not-found while inactive; systemd itself says "inactive").
   * A unit whose file was removed while it runs stays what it is (e.g. active).
   */
  activeState: string;
  subState: string;
  /** ActiveEnterTimestamp as ISO, or null (never active, or a zone we cannot resolve: see `unrecognised`). */
  since: string | null;
  /** Null when 0 (no main process). */
  mainPid: number | null;
  restarts: number | null;
  /** Null for "[not set]" or UINT64_MAX (accounting off / not available). */
  memoryBytes: number | null;
  description: string;
}

const UINT64_MAX = "18446744073709551615";

export type UnitStatusList = { units: UnitStatus[]; unrecognised: Unrecognised };

const KEY = /^[A-Za-z][A-Za-z0-9]*$/;

function readBlocks(output: string, unrecognised: Unrecognised): Record<string, string>[] {
  const blocks: Record<string, string>[] = [];
  let cur: Record<string, string> | null = null;
  for (const line of output.split("\n")) {
    const l = line.replace(/\r$/, "");
    if (l.trim() === "") {
      cur = null;
      continue;
    }
    const eq = l.indexOf("=");
    const key = eq > 0 ? l.slice(0, eq) : "";
    if (!KEY.test(key)) {
      noteUnrecognised(unrecognised, l);
      continue;
    }
    // A repeated key also starts a new unit, in case the blank separator was lost.
    if (!cur || key in cur) blocks.push((cur = {}));
    cur[key] = l.slice(eq + 1);
  }
  return blocks;
}

export function parseShowBlocks(output: string): Record<string, string>[] {
  return readBlocks(output, noUnrecognised());
}

function count(v: string | undefined): number | null {
  if (v === undefined || v === "" || v === "[not set]" || v === UINT64_MAX || !/^\d+$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

export function parseSystemctlShow(output: string): UnitStatusList {
  const unrecognised = noUnrecognised();
  const units: UnitStatus[] = [];
  for (const b of readBlocks(output, unrecognised)) {
    if (b.Id === undefined) {
      noteUnrecognised(
        unrecognised,
        Object.entries(b)
          .map(([k, v]) => `${k}=${v}`)
          .join(" "),
      );
      continue;
    }
    const pid = count(b.MainPID);
    const activeState = b.ActiveState ?? "unknown";
    const since = readSystemdTimestamp(b.ActiveEnterTimestamp ?? "");
    if (since.kind === "unrecognised") noteUnrecognised(unrecognised, `${b.Id}: ActiveEnterTimestamp=${since.text}`);
    units.push({
      id: b.Id,
      activeState: b.LoadState === "not-found" && activeState === "inactive" ? "not-found" : activeState,
      subState: b.SubState ?? "unknown",
      since: since.kind === "time" ? since.iso : null,
      mainPid: pid === 0 ? null : pid,
      restarts: count(b.NRestarts),
      memoryBytes: count(b.MemoryCurrent),
      description: b.Description ?? "",
    });
  }
  return { units, unrecognised };
}
