// Filters for journalctl. Every value ends up inside one `--name=value` word, and timestamps are
// always converted to absolute UTC times in the form systemd 252 parses ("2026-11-26 14:01:02 UTC";
// it refuses ISO "T…Z").
import { CommandInputError } from "./errors";

export const PRIORITY_NAMES = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"] as const;
export type PriorityName = (typeof PRIORITY_NAMES)[number];
const ALIASES: Record<string, number> = { error: 3, warn: 4, panic: 0 };

/** A syslog priority 0-7 (number, digit string, or name) -> its number. */
export function journalPriority(value: unknown, field = "priority"): number {
  const rule = `must be 0-7 or one of ${PRIORITY_NAMES.join(", ")}`;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 7) return value;
  if (typeof value === "string") {
    if (/^[0-7]$/.test(value)) return Number(value);
    const i = (PRIORITY_NAMES as readonly string[]).indexOf(value);
    if (i >= 0) return i;
    if (Object.hasOwn(ALIASES, value)) return ALIASES[value];
  }
  throw new CommandInputError(field, rule, value);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;
const RELATIVE = /^-(\d{1,6}) ?(s|sec|m|min|h|hr|d|w)$/;
const UNIT_MS: Record<string, number> = { s: 1e3, sec: 1e3, m: 6e4, min: 6e4, h: 36e5, hr: 36e5, d: 864e5, w: 6048e5 };

/**
 * A point in time for --since/--until: a Date, an ISO timestamp with an explicit zone, "now", or a
 * relative time in the past like "-1h", "-30min", "-2d" (resolved against `now`).
 */
export function journalTime(value: unknown, field: string, now: Date = new Date()): Date {
  const rule = 'must be an ISO timestamp with a zone (2026-11-26T14:01:02Z), "now", or a relative time like -15min, -1h, -2d';
  let at: Date | null = null;
  if (value instanceof Date) at = value;
  else if (typeof value === "string" && value.length <= 40) {
    const rel = RELATIVE.exec(value);
    if (value === "now") at = now;
    else if (rel) at = new Date(now.getTime() - Number(rel[1]) * UNIT_MS[rel[2]]);
    else if (ISO.test(value)) at = new Date(value.replace(" ", "T"));
  }
  if (!at || Number.isNaN(at.getTime())) throw new CommandInputError(field, rule, value);
  const year = at.getUTCFullYear();
  if (year < 1970 || year > 2200) throw new CommandInputError(field, "must be between 1970 and 2200", value);
  return at;
}

/** "2026-11-26 14:01:02 UTC" or "2026-11-26 14:01:02.250 UTC": the form journalctl accepts. */
export function systemdUtc(at: Date): string {
  const iso = at.toISOString(); // 2026-11-26T14:01:02.250Z
  const ms = iso.slice(20, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms === "000" ? "" : `.${ms}`} UTC`;
}

const BIDI = /[\u202A-\u202E\u2066-\u2069]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Free text for --grep: any printable text up to 200 characters on one line. */
export function grepText(value: unknown, field = "grep"): string {
  if (typeof value !== "string") throw new CommandInputError(field, "must be a string", value);
  if (value.length === 0 || value.length > 200) throw new CommandInputError(field, "must be 1 to 200 characters", value);
  if (/\p{Cc}/u.test(value)) throw new CommandInputError(field, "must not contain control characters or newlines", value);
  if (BIDI.test(value) || LONE_SURROGATE.test(value)) {
    throw new CommandInputError(field, "must not contain bidirectional overrides or broken unicode", value);
  }
  return value;
}
