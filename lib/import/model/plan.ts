// The shape of an import preview: what would be added, changed, left alone or skipped, and why.
import type { FieldErrors } from "@/lib/errors";
import type { IMPORT_MODES } from "@/lib/validation/import";

export type ImportAction = "add" | "change" | "unchanged" | "skipped";

/** Something the import did not carry over (a widget, an unsupported field) or a remark about an entry. */
export type ImportNote = { level: "skipped" | "note"; text: string };

export type FieldChange = { field: string; from: string; to: string };

export type PlanEntry = {
  kind: "machine" | "service";
  /** Inventory key: a machine name or a service id (slug). Empty when no key could be made. */
  key: string;
  /** Where it came from: "Group / Sub / Name" for Homepage, "nixosConfigurations.frame1" for a flake. */
  path: string;
  /** 1-based line in the source text, when known. */
  line: number | null;
  action: ImportAction;
  /** Why an entry is skipped. */
  reason?: string;
  changes: FieldChange[];
  notes: ImportNote[];
};

export type ImportCounts = Record<ImportAction, number>;

export type ImportPlan = {
  source: "homepage" | "flake";
  entries: PlanEntry[];
  counts: ImportCounts;
  /** Problems of the whole input that are not tied to one entry. */
  warnings: string[];
};

export function countActions(entries: PlanEntry[]): ImportCounts {
  const counts: ImportCounts = { add: 0, change: 0, unchanged: 0, skipped: 0 };
  for (const e of entries) counts[e.action] += 1;
  return counts;
}

/** What an import form gets back from its server action. */
export type ImportState = {
  mode?: (typeof IMPORT_MODES)[number];
  plan?: ImportPlan;
  message?: string;
  /** Line of a syntax error in the pasted text. */
  line?: number | null;
  fields?: FieldErrors;
};
