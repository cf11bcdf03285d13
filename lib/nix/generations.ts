// Parser for a system profile's generations, in the three formats hosts print them:
//   nix-env --list-generations:          "   1   2026-11-26 14:12:34   " and "(current)"
//   nixos-rebuild list-generations:      a table, header "Generation  Build-date  NixOS version …",
//                                        rows "214 current  2026-11-30 21:04:12  24.11…  6.6.63 …"
//                                        (nixos-rebuild-ng may add a last "Current" column: True/False)
//   nixos-rebuild list-generations --json: [{ "generation": 214, "date": "2026-11-30 21:04:12",
//                                        "nixosVersion", "kernelVersion", …, "current": true }]
// All print local time without a zone, so the catalogue runs them under `env TZ=UTC`; pass
// `utcOffsetMinutes` if the output came from a host in another zone. Lines (or JSON items) that are
// none of these are reported as unrecognised, never dropped silently.
import { noteUnrecognised, noUnrecognised, type Unrecognised } from "../parse/unrecognised";

export interface Generation {
  number: number;
  /** ISO 8601 UTC, e.g. "2026-11-26T14:12:34.000Z". */
  date: string;
  current: boolean;
  /** From nixos-rebuild's formats only. */
  nixosVersion?: string;
  kernelVersion?: string;
}

export type GenerationsFormat = "nix-env" | "nixos-rebuild-table" | "nixos-rebuild-json";
export type GenerationList = { generations: Generation[]; format: GenerationsFormat | null; unrecognised: Unrecognised };

const DATE = String.raw`(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(Z|\.\d+Z?)?`;
const NIX_ENV = new RegExp(String.raw`^\s*(\d{1,9})\s+${DATE}\s*(\(current\))?\s*$`);
const TABLE_HEADER = /^\s*Generation\s+Build-date\b/;
const TABLE_ROW = new RegExp(String.raw`^\s*(\d{1,9})(\s+current)?\s+${DATE}(?:\s|$)`);

function isoOf(m: string[], at: number, utcOffsetMinutes: number): string | null {
  const [y, mo, d, h, mi, s] = m.slice(at, at + 6).map(Number);
  const utc = m[at + 6]?.endsWith("Z") ?? false;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - (utc ? 0 : utcOffsetMinutes * 60_000);
  const realDay = mo >= 1 && mo <= 12 && new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
  return realDay && h < 24 && mi < 60 && s < 60 ? new Date(ms).toISOString() : null;
}

function parseJsonList(output: string, utcOffsetMinutes: number): GenerationList | null {
  let value: unknown;
  try {
    value = JSON.parse(output);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  const unrecognised = noUnrecognised();
  const generations: Generation[] = [];
  for (const item of value) {
    const g = item as Record<string, unknown> | null;
    const m = typeof g?.date === "string" ? new RegExp(`^${DATE}$`).exec(g.date) : null;
    const date = m ? isoOf(m, 1, utcOffsetMinutes) : null;
    if (!g || typeof g !== "object" || !Number.isSafeInteger(g.generation) || date === null) {
      noteUnrecognised(unrecognised, JSON.stringify(item) ?? String(item));
      continue;
    }
    generations.push({
      number: g.generation as number,
      date,
      current: g.current === true,
      ...(typeof g.nixosVersion === "string" ? { nixosVersion: g.nixosVersion } : {}),
      ...(typeof g.kernelVersion === "string" ? { kernelVersion: g.kernelVersion } : {}),
    });
  }
  return { generations, format: "nixos-rebuild-json", unrecognised };
}

type Column = { name: string; start: number };

/** The header's column names and where each starts: the table is aligned, and cells may be empty. */
function tableColumns(header: string): Column[] {
  return [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], start: m.index ?? 0 }));
}

function tableExtras(line: string, columns: Column[]): Pick<Generation, "nixosVersion" | "kernelVersion"> & { current: boolean } {
  const cell = (name: string) => {
    const i = columns.findIndex((c) => c.name === name);
    return i < 0 ? undefined : line.slice(columns[i].start, columns[i + 1]?.start ?? line.length).trim() || undefined;
  };
  const version = cell("NixOS version");
  const kernel = cell("Kernel");
  return {
    ...(version ? { nixosVersion: version } : {}),
    ...(kernel ? { kernelVersion: kernel } : {}),
    current: cell("Current") === "True",
  };
}

export function parseGenerations(output: string, utcOffsetMinutes = 0): GenerationList {
  const text = output.trim();
  if (text.startsWith("[")) {
    const json = parseJsonList(text, utcOffsetMinutes);
    if (json) return json;
  }
  const unrecognised = noUnrecognised();
  const generations: Generation[] = [];
  let format: GenerationsFormat | null = null;
  let columns: Column[] | null = null;
  for (const raw of output.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") continue;
    if (TABLE_HEADER.test(line)) {
      columns = tableColumns(line);
      format = "nixos-rebuild-table";
      continue;
    }
    const env = columns ? null : NIX_ENV.exec(line);
    const row = columns ? TABLE_ROW.exec(line) : null;
    const date = env ? isoOf(env, 2, utcOffsetMinutes) : row ? isoOf(row, 3, utcOffsetMinutes) : null;
    if (date === null) {
      noteUnrecognised(unrecognised, line);
    } else if (env) {
      format ??= "nix-env";
      generations.push({ number: Number(env[1]), date, current: env[9] !== undefined });
    } else if (row && columns) {
      const extras = tableExtras(line, columns);
      generations.push({ number: Number(row[1]), date, ...extras, current: row[2] !== undefined || extras.current });
    }
  }
  return { generations, format, unrecognised };
}

export function currentGeneration(gens: Generation[]): Generation | null {
  return gens.find((g) => g.current) ?? null;
}
