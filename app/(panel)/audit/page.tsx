import Link from "next/link";
import { UserMenu } from "@/components/auth/user-menu";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { stackTable as t } from "@/components/ui/stack-table";
import { requirePage } from "@/lib/auth/current";
import { auditActions, listAudit } from "@/lib/db/audit";
import { visible } from "@/lib/text/visible";
import { auditFilter, type AuditFilterInput } from "@/lib/validation/audit";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit" };

const PAGE = 100;
const time = (d: Date) => d.toISOString().replace("T", " ").slice(0, 19);
const TABS = [
  { scope: "users", label: "What users did" },
  { scope: "anonymous", label: "Unauthenticated" },
] as const;

/** Each filter on its own: a bad one is dropped, the others still apply. */
function filtersOf(params: Record<string, string | string[] | undefined>): AuditFilterInput {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== "string" || value === "" || key === "limit") continue;
    const one = auditFilter.safeParse({ [key]: value });
    if (one.success) Object.assign(out, one.data);
  }
  return out as AuditFilterInput;
}

function query(f: AuditFilterInput, extra: Record<string, string> = {}): string {
  const entries = Object.entries({ ...f, ...extra })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, String(v)]);
  return new URLSearchParams(entries).toString();
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("audit:read", "/audit");
  const f = { scope: "users" as const, ...filtersOf(await searchParams) };
  const [events, actions] = await Promise.all([listAudit({ ...f, limit: PAGE }), auditActions()]);
  const older = events.length === PAGE ? query({ ...f, before: events.at(-1)!.id }) : null;
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title="Audit">
        <UserMenu user={user} />
      </PageHeader>
      <nav className="mt-4 flex gap-2" aria-label="Whose events">
        {TABS.map((t) => (
          <Link
            key={t.scope}
            href={`/audit?${query({ scope: t.scope })}`}
            aria-current={f.scope === t.scope ? "page" : undefined}
            className={buttonClass(f.scope === t.scope ? "primary" : undefined)}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <p className="mt-2 text-sm text-(--color-muted)">
        {f.scope === "anonymous"
          ? "Logins and refusals of callers who were not logged in. Repeated refusals from one address are one row per minute with a count; names they tried are shown as typed."
          : "Everything done by logged-in users, and what they were refused."}
      </p>
      <form className="my-4 flex flex-wrap items-end gap-3" role="search">
        <input type="hidden" name="scope" value={f.scope} />
        <label className="grid gap-1 text-sm">
          Action
          <select name="action" defaultValue={f.action ?? ""} className={inputClass}>
            <option value="">any</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        {f.scope === "users" && (
          <label className="grid gap-1 text-sm">
            User
            <input name="actor" defaultValue={f.actor ?? ""} className={inputClass} />
          </label>
        )}
        <label className="grid gap-1 text-sm">
          Outcome
          <select name="outcome" defaultValue={f.outcome ?? ""} className={inputClass}>
            <option value="">any</option>
            <option value="ok">ok</option>
            <option value="denied">denied</option>
            <option value="failed">failed</option>
          </select>
        </label>
        <button className={buttonClass("primary")}>Filter</button>
      </form>
      <div className="overflow-x-auto rounded-xl border border-(--color-line) bg-(--color-panel)">
        <table className={t.table} data-testid="audit-table">
          <thead className={t.head}>
            <tr>
              <th className={t.th}>When</th>
              <th className={t.th}>Who</th>
              <th className={t.th}>From</th>
              <th className={t.th}>Action</th>
              <th className={t.th}>Target</th>
              <th className={t.th}>Outcome</th>
              <th className={t.th}>Times</th>
              <th className={t.th}>Detail</th>
            </tr>
          </thead>
          <tbody className={t.body}>
            {events.map((e) => (
              <tr key={e.id} className={t.row} data-testid="audit-row">
                <td className={`${t.title} whitespace-nowrap`} data-col="when">
                  {time(e.at)}
                  {e.count > 1 && <span className="block text-xs text-(--color-muted)">to {time(e.lastAt).slice(11)}</span>}
                </td>
                <td className={t.cell} data-label="Who" data-testid="audit-who">
                  {e.userId === null ? <span className="text-(--color-muted)">anonymous</span> : visible(e.actor)}
                </td>
                <td className={`${t.cell} font-mono`} data-label="From">
                  {visible(e.address)}
                </td>
                <td className={`${t.cell} font-mono`} data-label="Action" data-col="action">
                  {e.action}
                </td>
                <td className={`${t.cell} break-all`} data-label="Target" data-testid="audit-target">
                  {visible(e.target)}
                </td>
                <td className={t.cell} data-label="Outcome">
                  {e.outcome}
                </td>
                <td className={`${t.cell} tabular-nums`} data-label="Times">
                  {e.count > 1 ? `×${e.count}` : null}
                </td>
                <td className={`${t.cell} break-all`} data-label="Detail">
                  {visible(e.detail) || null}
                </td>
              </tr>
            ))}
            {events.length === 0 && (
              <tr className={t.row}>
                <td className={t.title} colSpan={8}>
                  No events match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {older && (
        <Link className={`${buttonClass()} mt-4`} href={`/audit?${older}`}>
          Older events
        </Link>
      )}
    </main>
  );
}
