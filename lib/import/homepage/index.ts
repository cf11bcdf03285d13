// Homepage's services.yaml / bookmarks.yaml (or the same as JSON from `nix eval --json` of
// services.homepage-dashboard, or of a .nix module evaluated locally) -> import candidates.
// Pure: no database, no files.
import type { ServiceCandidateIn } from "../model/candidate";
import type { PlanEntry } from "../model/plan";
import { toCandidate } from "./candidate";
import type { Substitution, TemplateValues } from "./substitute";
import { distinctSlugs } from "./unique-slugs";
import { walkHomepage, type HomepageKind } from "./walk";
import { parseSource, pickList, widgetNames } from "./yaml-source";

export { ImportSyntaxError } from "./syntax-error";
export type { TemplateValues } from "./substitute";
export type { HomepageKind } from "./walk";
export const HOMEPAGE_KINDS = ["services", "bookmarks"] as const;

export type HomepageCandidates = { candidates: ServiceCandidateIn[]; problems: PlanEntry[]; warnings: string[] };

const list = (keys: string[]) => keys.slice(0, 10).join(", ") + (keys.length > 10 ? ` and ${keys.length - 10} more` : "");

function templateWarnings(sub: Substitution, templates: TemplateValues | undefined): string[] {
  const out: string[] = [];
  if (sub.used.length) out.push(`Filled in from the environment, as Homepage does: ${list(sub.used)}.`);
  const missing = sub.missing.filter((k) => !templates?.unresolved?.[k]);
  if (missing.length)
    out.push(`No value for ${list(missing)}: where an imported field holds one, it is kept as written and marked on the entry.`);
  for (const k of sub.missing) {
    const why = templates?.unresolved?.[k];
    if (why) out.push(`No value for ${k}: ${why}`);
  }
  if (sub.spaced.length)
    out.push(`${list(sub.spaced)}: Homepage fills only {{HOMEPAGE_VAR_NAME}} without spaces inside the braces, so these stay as written.`);
  return out;
}

/** Throws ImportSyntaxError (with line and column) for malformed YAML or a top level that is not a list. */
export function homepageCandidates(text: string, kind: HomepageKind, templates?: TemplateValues): HomepageCandidates {
  const doc = parseSource(text, templates);
  const { items, problems, warnings: shape } = walkHomepage(doc, pickList(doc, kind), kind);
  const warnings = [...templateWarnings(doc.substitution, templates), ...shape];
  const widgets = widgetNames(doc);
  if (widgets?.length) warnings.push(`Info widgets (${list(widgets)}) are not imported: the panel does not show Homepage widgets.`);
  if (items.length === 0 && problems.length === 0) warnings.push(`No ${kind === "services" ? "services" : "bookmarks"} found.`);
  return {
    candidates: distinctSlugs(items.map(toCandidate)),
    problems: problems.map((p) => ({
      kind: "service",
      key: "",
      path: p.path,
      line: p.line,
      action: "skipped",
      reason: p.reason,
      changes: [],
      notes: [],
    })),
    warnings,
  };
}
