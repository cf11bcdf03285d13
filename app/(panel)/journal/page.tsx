import { UserMenu } from "@/components/auth/user-menu";
import { JournalForm } from "@/components/journal/journal-form";
import { JournalView } from "@/components/journal/journal-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/current";
import { journalTargets } from "@/lib/inventory/journal-targets";
import { parseJournalQuery, type JournalQuery } from "@/lib/validation/journal";
import type { JournalFilter } from "@/lib/live/events";

export const dynamic = "force-dynamic";
export const metadata = { title: "Journal" };

export default async function JournalPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("jobs:read", "/journal");
  const parsed = parseJournalQuery(await searchParams);
  const targets = await journalTargets();
  const query: JournalQuery = parsed.ok ? parsed.query : { unit: [], regex: false };
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.fields };
  const machine = query.machine ?? targets[0]?.machine ?? null;
  const target = targets.find((t) => t.machine === machine);
  if (machine && !target) errors.machine = "no machine with SSH of that name";
  const units = query.unit.length > 0 ? query.unit : (target?.units.slice(0, 10) ?? []);
  const filter: JournalFilter | null =
    parsed.ok && target && units.length > 0
      ? {
          machine: target.machine,
          units,
          priority: query.priority,
          since: query.since,
          until: query.until,
          grep: query.grep,
          regex: (query.regex && !!query.grep) || undefined,
        }
      : null;
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title="Journal">
        <UserMenu user={user} />
      </PageHeader>
      {targets.length === 0 ? (
        <p className="mt-4 rounded-xl border border-dashed border-(--color-line) p-8 text-center text-(--color-muted)">
          No machine with SSH access in the inventory: add one to read its journal.
        </p>
      ) : (
        <>
          <JournalForm machines={targets} query={query} machine={machine} units={units} errors={errors} />
          {filter ? (
            <JournalView filter={filter} />
          ) : (
            <p
              className="rounded-xl border border-dashed border-(--color-line) p-8 text-center text-(--color-muted)"
              data-testid="journal-idle"
            >
              {Object.keys(errors).length > 0 ? "Fix the filter above to read the journal." : "Choose at least one unit."}
            </p>
          )}
        </>
      )}
    </main>
  );
}
