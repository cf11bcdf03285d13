import "server-only";
// A journal filter in one canonical form: equal filters share one remote journalctl. Text search is
// escaped for journalctl's PCRE2 --grep; a regex is passed as it is (checked to compile first).
import { createHash } from "node:crypto";
import { journalPriority } from "../commands/journal-filters";
import type { JournalQuery } from "../commands";
import type { JournalFilterInput } from "../validation/live";

export type NormalFilter = {
  machine: string;
  units: string[];
  priority: number | null;
  since: string | null;
  until: string | null;
  /** The PCRE2 pattern for --grep, or null. */
  pattern: string | null;
};

export const escapePcre = (text: string) => text.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");

export function normalise(f: JournalFilterInput): NormalFilter {
  return {
    machine: f.machine,
    units: [...new Set(f.units)].sort(),
    priority: f.priority === undefined ? null : journalPriority(f.priority),
    since: f.since ?? null,
    until: f.until ?? null,
    pattern: f.grep === undefined || f.grep === "" ? null : f.regex ? f.grep : escapePcre(f.grep),
  };
}

/** The stream id of a filter: the same for equal filters, opaque to clients. */
export function streamIdOf(f: NormalFilter): string {
  return `j${createHash("sha256").update(JSON.stringify(f)).digest("hex").slice(0, 16)}`;
}

/** The journalctl query: the newest `backlog` entries, then follow (unless the range has an end). */
export function queryOf(f: NormalFilter, backlog: number): JournalQuery {
  return {
    units: f.units,
    ...(f.priority !== null ? { priority: f.priority } : {}),
    ...(f.since !== null ? { since: f.since } : {}),
    ...(f.until !== null ? { until: f.until } : {}),
    ...(f.pattern !== null ? { grep: f.pattern } : {}),
    follow: f.until === null, // journalctl -f ignores --until and would never end
    lines: backlog,
  };
}
