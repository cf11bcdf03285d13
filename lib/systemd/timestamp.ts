// systemd's printed timestamps: "Thu 2026-11-26 14:01:02 UTC", optionally with microseconds.
// Only UTC/GMT (or a numeric offset) can be resolved; the catalogue runs systemctl under TZ=UTC.

const TS = /^(?:[A-Z][a-z]{2} )?(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? (UTC|GMT|[+-]\d{2}(?::?\d{2})?)$/;

/** ISO string, or null for empty / "n/a" / unknown zone abbreviations. */
export function parseSystemdTimestamp(value: string): string | null {
  const m = TS.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  let offsetMin = 0;
  if (m[8] !== "UTC" && m[8] !== "GMT") {
    const digits = m[8].replace(":", "");
    offsetMin = (digits[0] === "-" ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0));
  }
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
