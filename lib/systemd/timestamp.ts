// systemd's printed timestamps: "Thu 2026-11-26 14:01:02 UTC", optionally with microseconds, in the
// zone of the systemctl process (the catalogue runs it under TZ=UTC, but a host or a wrapper may not).
// systemd prints the zone's abbreviation (CET, EDT, AEST) or, where tzdata has none, a numeric one
// (+04, -03, +0530). A numeric offset is exact; an abbreviation is read only when tzdata gives it a
// single offset in every zone that uses it. Ambiguous ones (CST: Chicago or Shanghai, IST: Kolkata,
// Dublin or Jerusalem, PST: Los Angeles or Manila, CDT) and unknown ones are "unrecognised": null,
// never a time that could be hours off.

/**
 * Abbreviation -> minutes east of UTC. Made from Debian 12's tzdata (every zone, mid-month of each
 * month of 2024-2026, Python zoneinfo), keeping the abbreviations with exactly one offset.
 */
export const ZONE_OFFSETS: Readonly<Record<string, number>> = Object.freeze({
  UTC: 0,
  GMT: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  WAT: 60,
  EET: 120,
  EEST: 180,
  CAT: 120,
  SAST: 120,
  IDT: 180,
  MSK: 180,
  EAT: 180,
  PKT: 300,
  WIB: 420,
  WITA: 480,
  WIT: 540,
  AWST: 480,
  HKT: 480,
  JST: 540,
  KST: 540,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  ChST: 600,
  NZST: 720,
  NZDT: 780,
  NST: -210,
  NDT: -150,
  AST: -240,
  ADT: -180,
  EST: -300,
  EDT: -240,
  MST: -420,
  MDT: -360,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  HDT: -540,
  SST: -660,
});

/** Abbreviations tzdata uses with more than one offset: never guessed. */
export const AMBIGUOUS_ZONES: readonly string[] = ["CST", "CDT", "IST", "PST"];

const TS = /^(?:[A-Z][a-z]{2} )?(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? ([A-Za-z]{2,6}|[+-]\d{2}(?::?\d{2})?)$/;

export type SystemdTime = { kind: "none" } | { kind: "time"; iso: string } | { kind: "unrecognised"; text: string };

/** Empty and "n/a" are "none" (never happened); a time in a zone that cannot be resolved is "unrecognised". */
export function readSystemdTimestamp(value: string): SystemdTime {
  const v = value.trim();
  if (v === "" || v === "n/a") return { kind: "none" };
  const m = TS.exec(v);
  if (!m) return { kind: "unrecognised", text: v };
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const offsetMin = zoneOffset(m[8]);
  if (offsetMin === null) return { kind: "unrecognised", text: v };
  // Date.UTC rolls 2026-02-31 over into March: a date that does not exist is not a time.
  const realDay = mo >= 1 && mo <= 12 && new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
  if (!realDay || h > 23 || mi > 59 || s > 59) return { kind: "unrecognised", text: v };
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000);
  return { kind: "time", iso: date.toISOString() };
}

function zoneOffset(zone: string): number | null {
  if (zone[0] === "+" || zone[0] === "-") {
    const digits = zone.replace(":", "");
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5) || 0);
    if (hours > 14 || minutes > 59) return null;
    return (zone[0] === "-" ? -1 : 1) * (hours * 60 + minutes);
  }
  return Object.hasOwn(ZONE_OFFSETS, zone) ? ZONE_OFFSETS[zone] : null;
}

/** ISO string, or null for empty / "n/a" / anything that cannot be resolved exactly. */
export function parseSystemdTimestamp(value: string): string | null {
  const t = readSystemdTimestamp(value);
  return t.kind === "time" ? t.iso : null;
}
