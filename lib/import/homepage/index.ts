// Homepage's services.yaml / bookmarks.yaml (or the same as JSON from `nix eval --json` of
// services.homepage-dashboard.services / .bookmarks) -> import candidates. Pure: no database.
import type { ServiceCandidateIn } from "../service-plan";
import type { PlanEntry } from "../types";
import { toCandidate } from "./candidate";
import { walkHomepage, type HomepageKind } from "./walk";
import { parseSource, pickList } from "./yaml-source";

export { ImportSyntaxError } from "./yaml-source";
export type { HomepageKind } from "./walk";
export const HOMEPAGE_KINDS = ["services", "bookmarks"] as const;

export type HomepageCandidates = { candidates: ServiceCandidateIn[]; problems: PlanEntry[]; warnings: string[] };

/** Throws ImportSyntaxError (with line and column) for malformed YAML or a top level that is not a list. */
export function homepageCandidates(text: string, kind: HomepageKind): HomepageCandidates {
  const doc = parseSource(text);
  const { items, problems } = walkHomepage(doc, pickList(doc, kind), kind);
  const warnings = items.length === 0 && problems.length === 0 ? [`No ${kind === "services" ? "services" : "bookmarks"} found.`] : [];
  return {
    candidates: items.map(toCandidate),
    problems: problems.map((p) => ({
      kind: "service", key: "", path: p.path, line: p.line, action: "skipped", reason: p.reason, changes: [], notes: [],
    })),
    warnings,
  };
}
