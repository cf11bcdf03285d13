// An import plan: counts, then one card per entry with what happens, why, and what was skipped.
import type { ImportAction, ImportPlan, PlanEntry } from "@/lib/import/model/plan";

const LABEL: Record<ImportAction, string> = { add: "Add", change: "Change", unchanged: "Unchanged", skipped: "Skipped" };
const TONE: Record<ImportAction, string> = {
  add: "border-(--color-up)/50 bg-(--color-up)/10",
  change: "border-(--color-accent)/50 bg-(--color-accent)/10",
  unchanged: "border-(--color-line)",
  skipped: "border-(--color-down)/50 bg-(--color-down)/10",
};

function Entry({ e }: { e: PlanEntry }) {
  return (
    <li
      data-testid="plan-entry"
      data-action={e.action}
      data-key={e.key}
      className="rounded-lg border border-(--color-line) bg-(--color-panel) p-3"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className={`rounded-md border px-2 py-0.5 text-xs font-semibold ${TONE[e.action]}`}>{LABEL[e.action]}</span>
        <span className="font-medium break-all">{e.path}</span>
        {e.key && e.key !== e.path && (
          <span className="font-mono text-xs text-(--color-muted) break-all">
            {e.kind === "machine" ? "machine" : "id"} {e.key}
          </span>
        )}
        {e.line !== null && <span className="text-xs text-(--color-muted)">line {e.line}</span>}
      </div>
      {e.reason && <p className="mt-1 text-sm text-(--color-down)">{e.reason}</p>}
      {e.changes.length > 0 && (
        <ul className="mt-2 grid gap-1 text-sm" aria-label="Changes">
          {e.changes.map((c) => (
            <li key={c.field} className="break-all">
              <span className="font-mono text-xs">{c.field}</span>: <del className="text-(--color-muted)">{c.from || "(empty)"}</del> →{" "}
              <ins className="no-underline">{c.to || "(empty)"}</ins>
            </li>
          ))}
        </ul>
      )}
      {e.notes.length > 0 && (
        <ul className="mt-2 grid gap-1 text-sm text-(--color-muted)" aria-label="Notes">
          {e.notes.map((n, i) => (
            <li key={i} data-level={n.level} className="break-words">
              {n.level === "skipped" ? "Skipped: " : "Note: "}
              {n.text}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function PlanView({ plan, applied }: { plan: ImportPlan; applied: boolean }) {
  const { add, change, unchanged, skipped } = plan.counts;
  return (
    <section aria-labelledby="plan-title" className="grid gap-3">
      <h2 id="plan-title" className="text-lg font-semibold">
        {applied ? "Imported" : "Preview"}
      </h2>
      <p role="status" data-testid="plan-summary" className="text-sm">
        {applied ? "Applied: " : "Would "}
        {add} {applied ? "added" : "add"}, {change} {applied ? "changed" : "change"}, {unchanged} unchanged, {skipped} skipped.
      </p>
      {plan.warnings.length > 0 && (
        <ul aria-label="Remarks" className="grid gap-1 text-sm text-(--color-muted)">
          {plan.warnings.map((w) => (
            <li key={w} data-testid="plan-warning" className="break-words">
              {w}
            </li>
          ))}
        </ul>
      )}
      {plan.entries.length === 0 ? (
        <p className="text-sm text-(--color-muted)">Nothing to import.</p>
      ) : (
        <ul className="grid gap-2">
          {plan.entries.map((e, i) => (
            <Entry key={`${e.kind}:${e.path}:${i}`} e={e} />
          ))}
        </ul>
      )}
    </section>
  );
}
