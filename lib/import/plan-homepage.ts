// The Homepage import's plan against an inventory snapshot (pure).
import { homepageCandidates, type HomepageKind, type TemplateValues } from "./homepage";
import { planServices, type ServiceOp } from "./service-plan";
import type { InventorySnapshot } from "./snapshot";
import { countActions, type ImportPlan } from "./model/plan";

export function planHomepage(
  text: string,
  kind: HomepageKind,
  inventory: InventorySnapshot,
  templates?: TemplateValues,
): { plan: ImportPlan; ops: ServiceOp[] } {
  const { candidates, problems, warnings } = homepageCandidates(text, kind, templates);
  const { entries, ops } = planServices(candidates, inventory.services, new Set(inventory.machines.map((m) => m.name)));
  const all = [...entries, ...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { plan: { source: "homepage", entries: all, counts: countActions(all), warnings }, ops };
}
