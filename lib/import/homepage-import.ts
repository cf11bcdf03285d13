import "server-only";
// The Homepage import as the app and the CLI call it: preview against the inventory, or apply in
// one transaction (planned again inside it). `templates`: the values Homepage would fill its
// {{HOMEPAGE_VAR_*}} / {{HOMEPAGE_FILE_*}} templates with (an env file; see homepage/env-file.ts).
import { applyImport, loadInventory } from "./apply";
import type { HomepageKind, TemplateValues } from "./homepage";
import { planHomepage } from "./plan-homepage";
import type { ImportPlan } from "./model/plan";

export async function previewHomepage(text: string, kind: HomepageKind, templates?: TemplateValues): Promise<ImportPlan> {
  // Parse first: malformed input fails before the database is read.
  planHomepage(text, kind, { machines: [], services: [] }, templates);
  return planHomepage(text, kind, await loadInventory(), templates).plan;
}

export async function applyHomepage(text: string, kind: HomepageKind, templates?: TemplateValues): Promise<ImportPlan> {
  planHomepage(text, kind, { machines: [], services: [] }, templates);
  return applyImport((inventory) => planHomepage(text, kind, inventory, templates));
}

/** One line for the audit log. */
export function planSummary(plan: ImportPlan): string {
  const { add, change, unchanged, skipped } = plan.counts;
  const keys = (a: string) =>
    plan.entries
      .filter((e) => e.action === a)
      .map((e) => e.key || e.path)
      .join(", ");
  return `${add} added (${keys("add")}), ${change} changed (${keys("change")}), ${unchanged} unchanged, ${skipped} skipped`;
}
