import Link from "next/link";
import { z } from "zod";
import { UserMenu } from "@/components/auth/user-menu";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/current";
import { auditActions, listAudit } from "@/lib/db/audit";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit" };

const filters = z.object({
  action: z.string().regex(/^[a-z.]{1,60}$/).optional().catch(undefined),
  actor: z.string().max(100).optional().catch(undefined),
  outcome: z.enum(["ok", "denied", "failed"]).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

const PAGE = 100;
const cell = "px-3 py-2 text-left align-top";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("audit:read", "/audit");
  const f = filters.parse(Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")));
  const [events, actions] = await Promise.all([listAudit({ ...f, limit: PAGE }), auditActions()]);
  const older = events.length === PAGE ? new URLSearchParams({ ...f, before: String(events.at(-1)!.id) } as Record<string, string>) : null;
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title="Audit"><UserMenu user={user} /></PageHeader>
      <form className="my-4 flex flex-wrap items-end gap-3" role="search">
        <label className="grid gap-1 text-sm">Action
          <select name="action" defaultValue={f.action ?? ""} className={inputClass}>
            <option value="">any</option>
            {actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <label className="grid gap-1 text-sm">User<input name="actor" defaultValue={f.actor ?? ""} className={inputClass} /></label>
        <label className="grid gap-1 text-sm">Outcome
          <select name="outcome" defaultValue={f.outcome ?? ""} className={inputClass}>
            <option value="">any</option><option value="ok">ok</option><option value="denied">denied</option><option value="failed">failed</option>
          </select>
        </label>
        <button className={buttonClass("primary")}>Filter</button>
      </form>
      <div className="overflow-x-auto rounded-xl border border-(--color-line) bg-(--color-panel)">
        <table className="w-full text-sm" data-testid="audit-table">
          <thead className="text-(--color-muted)"><tr><th className={cell}>When</th><th className={cell}>Who</th><th className={cell}>From</th><th className={cell}>Action</th><th className={cell}>Target</th><th className={cell}>Outcome</th><th className={cell}>Detail</th></tr></thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-t border-(--color-line)">
                <td className={`${cell} whitespace-nowrap`}>{e.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td className={cell}>{e.actor}</td>
                <td className={`${cell} font-mono`}>{e.address}</td>
                <td className={`${cell} font-mono`}>{e.action}</td>
                <td className={`${cell} break-all`}>{e.target}</td>
                <td className={cell}>{e.outcome}</td>
                <td className={`${cell} break-all`}>{e.detail}</td>
              </tr>
            ))}
            {events.length === 0 && <tr><td className={cell} colSpan={7}>No events match.</td></tr>}
          </tbody>
        </table>
      </div>
      {older && <Link className={`${buttonClass()} mt-4`} href={`/audit?${older}`}>Older events</Link>}
    </main>
  );
}
