// Parser for `nix-env --list-generations`: "   1   2026-11-26 14:12:34   " and "(current)".
// nix-env prints local time without a zone, so the catalogue runs it under `env TZ=UTC`;
// pass `utcOffsetMinutes` if the output came from a host in another zone.

export interface Generation {
  number: number;
  /** ISO 8601 UTC, e.g. "2026-11-26T14:12:34.000Z". */
  date: string;
  current: boolean;
}

const LINE = /^\s*(\d{1,9})\s+(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\s*(\(current\))?\s*$/;

export function parseGenerations(output: string, utcOffsetMinutes = 0): Generation[] {
  const gens: Generation[] = [];
  for (const line of output.split("\n")) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [y, mo, d, h, mi, s] = m.slice(2, 8).map(Number);
    const ms = Date.UTC(y, mo - 1, d, h, mi, s) - utcOffsetMinutes * 60_000;
    gens.push({ number: Number(m[1]), date: new Date(ms).toISOString(), current: m[8] !== undefined });
  }
  return gens;
}

export function currentGeneration(gens: Generation[]): Generation | null {
  return gens.find((g) => g.current) ?? null;
}
