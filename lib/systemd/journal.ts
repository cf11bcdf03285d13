// Parser for `journalctl -o json` (one JSON object per line). A field is a string, or an array of
// bytes when it is not valid UTF-8 / not printable, or an array of those when the field repeats.
// A line that is not such an object (with a cursor and a time) is unrecognised, never dropped silently.
import { parseLines, type Unrecognised } from "../parse/unrecognised";

export interface JournalEntry {
  cursor: string;
  /** ISO time from __REALTIME_TIMESTAMP (microseconds since the epoch). */
  at: string;
  /** The exact microseconds, for ordering and de-duplication. */
  realtimeUs: string;
  /**
   * The unit the message is about: UNIT / USER_UNIT (set by the system or a user's systemd for its own
   * messages about a unit), else the unit that logged it: _SYSTEMD_USER_UNIT before _SYSTEMD_UNIT,
   * which for a user's unit is only its user manager (user@1000.service).
   */
  unit: string | null;
  priority: number | null;
  message: string;
  pid: number | null;
  hostname: string | null;
  identifier: string | null;
}

type Value = string | number[] | (string | number[])[];

const utf8 = new TextDecoder("utf-8");

function isBytes(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((b) => typeof b === "number" && Number.isInteger(b) && b >= 0 && b <= 255);
}

/** One field as text: bytes decoded as UTF-8 (invalid sequences become U+FFFD); repeats -> the first. */
export function fieldText(v: Value | unknown): string | null {
  if (typeof v === "string") return v;
  if (isBytes(v)) return utf8.decode(Uint8Array.from(v));
  if (Array.isArray(v) && v.length > 0) return fieldText(v[0]);
  return null;
}

function int(v: unknown): number | null {
  const s = fieldText(v);
  return s !== null && /^\d{1,15}$/.test(s) ? Number(s) : null;
}

export function parseJournalLine(line: string): JournalEntry | null {
  const t = line.trim();
  if (!t.startsWith("{")) return null;
  let o: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(t);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
    o = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const us = fieldText(o.__REALTIME_TIMESTAMP);
  const cursor = fieldText(o.__CURSOR);
  if (!us || !/^\d{1,19}$/.test(us) || !cursor) return null;
  const ms = Number(BigInt(us) / 1000n);
  // Past year 275760 a Date is invalid (and toISOString throws): not a time journald writes.
  if (ms > 8.64e15) return null;
  return {
    cursor,
    at: new Date(ms).toISOString(),
    realtimeUs: us,
    unit: fieldText(o.UNIT) ?? fieldText(o.USER_UNIT) ?? fieldText(o._SYSTEMD_USER_UNIT) ?? fieldText(o._SYSTEMD_UNIT),
    priority: int(o.PRIORITY),
    message: fieldText(o.MESSAGE) ?? "",
    pid: int(o._PID),
    hostname: fieldText(o._HOSTNAME),
    identifier: fieldText(o.SYSLOG_IDENTIFIER),
  };
}

export type JournalEntries = { entries: JournalEntry[]; unrecognised: Unrecognised };

export function parseJournal(output: string): JournalEntries {
  const { items, unrecognised } = parseLines(output, parseJournalLine);
  return { entries: items, unrecognised };
}
