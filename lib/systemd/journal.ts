// Parser for `journalctl -o json` (one JSON object per line). A field is a string, or an array of
// bytes when it is not valid UTF-8 / not printable, or an array of those when the field repeats.

export interface JournalEntry {
  cursor: string;
  /** ISO time from __REALTIME_TIMESTAMP (microseconds since the epoch). */
  at: string;
  /** The exact microseconds, for ordering and de-duplication. */
  realtimeUs: string;
  /** The unit the message is about: UNIT (set by systemd for its own messages), else _SYSTEMD_UNIT. */
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
  return {
    cursor,
    at: new Date(Number(BigInt(us) / 1000n)).toISOString(),
    realtimeUs: us,
    unit: fieldText(o.UNIT) ?? fieldText(o._SYSTEMD_UNIT) ?? fieldText(o.USER_UNIT),
    priority: int(o.PRIORITY),
    message: fieldText(o.MESSAGE) ?? "",
    pid: int(o._PID),
    hostname: fieldText(o._HOSTNAME),
    identifier: fieldText(o.SYSLOG_IDENTIFIER),
  };
}

export function parseJournal(output: string): JournalEntry[] {
  return output.split("\n").map(parseJournalLine).filter((e): e is JournalEntry => e !== null);
}
