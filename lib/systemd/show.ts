// Parser for `systemctl show --property=Id,LoadState,ActiveState,... -- unit…`: KEY=VALUE lines, one block
// per unit, blocks separated by a blank line. Values are raw (a Description may contain "=").
import { parseSystemdTimestamp } from "./timestamp";

export interface UnitStatus {
  id: string;
  /**
   * active | inactive | failed | activating | deactivating | reloading, or "not-found" when
   * systemd has no such unit (LoadState=not-found while inactive; systemd itself says "inactive").
   * A unit whose file was removed while it runs stays what it is (e.g. active).
   */
  activeState: string;
  subState: string;
  /** ActiveEnterTimestamp as ISO, or null (never active, or a zone we cannot resolve). */
  since: string | null;
  /** Null when 0 (no main process). */
  mainPid: number | null;
  restarts: number | null;
  /** Null for "[not set]" or UINT64_MAX (accounting off / not available). */
  memoryBytes: number | null;
  description: string;
}

const UINT64_MAX = "18446744073709551615";

export function parseShowBlocks(output: string): Record<string, string>[] {
  const blocks: Record<string, string>[] = [];
  let cur: Record<string, string> | null = null;
  for (const line of output.split("\n")) {
    const l = line.replace(/\r$/, "");
    if (l === "") {
      cur = null;
      continue;
    }
    const eq = l.indexOf("=");
    if (eq <= 0) continue;
    const key = l.slice(0, eq);
    // A repeated key also starts a new unit, in case the blank separator was lost.
    if (!cur || key in cur) blocks.push((cur = {}));
    cur[key] = l.slice(eq + 1);
  }
  return blocks;
}

function count(v: string | undefined): number | null {
  if (v === undefined || v === "" || v === "[not set]" || v === UINT64_MAX || !/^\d+$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

export function parseSystemctlShow(output: string): UnitStatus[] {
  return parseShowBlocks(output)
    .filter((b) => b.Id !== undefined)
    .map((b) => {
      const pid = count(b.MainPID);
      const activeState = b.ActiveState ?? "unknown";
      return {
        id: b.Id,
        activeState: b.LoadState === "not-found" && activeState === "inactive" ? "not-found" : activeState,
        subState: b.SubState ?? "unknown",
        since: b.ActiveEnterTimestamp ? parseSystemdTimestamp(b.ActiveEnterTimestamp) : null,
        mainPid: pid === 0 ? null : pid,
        restarts: count(b.NRestarts),
        memoryBytes: count(b.MemoryCurrent),
        description: b.Description ?? "",
      };
    });
}
