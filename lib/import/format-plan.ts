// A plan as plain text for the CLI (`npm run import`).
import type { ImportAction, ImportPlan } from "./model/plan";

const MARK: Record<ImportAction, string> = { add: "+", change: "~", unchanged: "=", skipped: "!" };

export function formatPlan(plan: ImportPlan, applied: boolean): string {
  const out: string[] = [];
  for (const e of plan.entries) {
    const where = e.line !== null ? ` (line ${e.line})` : "";
    const key = e.key && e.key !== e.path ? ` [${e.kind === "machine" ? "machine" : "id"} ${e.key}]` : "";
    out.push(`${MARK[e.action]} ${e.action.padEnd(9)} ${e.path}${key}${where}`);
    if (e.reason) out.push(`    reason: ${e.reason}`);
    for (const c of e.changes) out.push(`    ${c.field}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}`);
    for (const n of e.notes) out.push(`    ${n.level}: ${n.text}`);
  }
  for (const w of plan.warnings) out.push(`warning: ${w}`);
  const { add, change, unchanged, skipped } = plan.counts;
  out.push(
    applied
      ? `Applied: ${add} added, ${change} changed, ${unchanged} unchanged, ${skipped} skipped.`
      : `Plan: ${add} to add, ${change} to change, ${unchanged} unchanged, ${skipped} skipped. Nothing was changed (add --apply to apply).`,
  );
  return out.join("\n");
}
