import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { stackTable as t } from "@/components/ui/stack-table";
import { listMachines } from "@/lib/db/machines";
import { listServices } from "@/lib/db/services";
import { requirePage } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { UserMenu } from "@/components/auth/user-menu";
import { visible } from "@/lib/text/visible";

export const dynamic = "force-dynamic";
export const metadata = { title: "Inventory" };

export default async function InventoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("inventory:read", "/inventory");
  const canWrite = can(user, "inventory:write");
  const [machines, services, params] = await Promise.all([listMachines(), listServices(), searchParams]);
  const saved = typeof params.saved === "string" ? params.saved : null;
  const deleted = typeof params.deleted === "string" ? params.deleted : null;
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title="Inventory">
        {canWrite && (
          <Link href="/inventory/import" className={buttonClass()}>
            Import
          </Link>
        )}
        {canWrite && (
          <Link href="/inventory/machines/new" className={buttonClass()}>
            Add machine
          </Link>
        )}
        {canWrite && (
          <Link href="/inventory/services/new" className={buttonClass("primary")}>
            Add service
          </Link>
        )}
        <UserMenu user={user} />
      </PageHeader>
      {(saved || deleted) && (
        <p role="status" className="my-3 rounded-lg border border-(--color-up)/40 bg-(--color-up)/10 px-3 py-2 text-sm">
          {saved ? `Saved ${saved}.` : `Deleted ${deleted}.`}
        </p>
      )}
      <section className="mt-6" aria-labelledby="machines">
        <h2 id="machines" className="mb-2 text-lg font-semibold">
          Machines ({machines.length})
        </h2>
        <div className="overflow-x-auto rounded-xl border border-(--color-line) bg-(--color-panel)">
          <table className={t.table}>
            <thead className={t.head}>
              <tr>
                <th className={t.th}>Name</th>
                <th className={t.th}>System</th>
                <th className={t.th}>Role</th>
                <th className={t.th}>SSH</th>
                <th className={t.th}>Services</th>
              </tr>
            </thead>
            <tbody className={t.body}>
              {machines.map((m) => (
                <tr key={m.id} className={t.row} data-testid="inventory-machine">
                  <td className={t.title} data-col="name">
                    {canWrite ? (
                      <Link
                        className="font-medium text-(--color-accent) underline-offset-2 hover:underline"
                        href={`/inventory/machines/${m.name}`}
                      >
                        {visible(m.name)}
                      </Link>
                    ) : (
                      <span className="font-medium">{visible(m.name)}</span>
                    )}
                  </td>
                  <td className={`${t.cell} font-mono`} data-label="System">
                    {m.system}
                  </td>
                  <td className={t.cell} data-label="Role">
                    {m.role}
                    {m.deployable ? "" : " (not deployable)"}
                  </td>
                  <td className={`${t.cell} font-mono`} data-label="SSH" data-col="ssh">
                    {m.sshHost ? `${m.sshUser ?? ""}${m.sshUser ? "@" : ""}${m.sshHost}:${m.sshPort}` : "—"}
                  </td>
                  <td className={t.cell} data-label="Services">
                    {m._count.services}
                  </td>
                </tr>
              ))}
              {machines.length === 0 && (
                <tr className={t.row}>
                  <td className={t.title} colSpan={5}>
                    No machines yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>
      <section className="mt-8" aria-labelledby="services">
        <h2 id="services" className="mb-2 text-lg font-semibold">
          Services ({services.length})
        </h2>
        <div className="overflow-x-auto rounded-xl border border-(--color-line) bg-(--color-panel)">
          <table className={t.table}>
            <thead className={t.head}>
              <tr>
                <th className={t.th}>Name</th>
                <th className={t.th}>Group</th>
                <th className={t.th}>Machine</th>
                <th className={t.th}>Unit</th>
                <th className={t.th}>Check</th>
              </tr>
            </thead>
            <tbody className={t.body}>
              {services.map((s) => (
                <tr key={s.id} className={t.row} data-testid="inventory-service">
                  <td className={t.title} data-col="name">
                    {canWrite ? (
                      <Link
                        className="font-medium text-(--color-accent) underline-offset-2 hover:underline"
                        href={`/inventory/services/${s.slug}`}
                      >
                        {visible(s.name)}
                      </Link>
                    ) : (
                      <span className="font-medium">{visible(s.name)}</span>
                    )}
                  </td>
                  <td className={t.cell} data-label="Group">
                    {visible(s.groupName)}
                  </td>
                  <td className={t.cell} data-label="Machine">
                    {s.machine?.name ?? "—"}
                  </td>
                  <td className={`${t.cell} font-mono`} data-label="Unit">
                    {s.unit ?? "—"}
                  </td>
                  <td className={`${t.cell} break-all`} data-label="Check" data-col="check">
                    {s.checkType === "none" ? "—" : `${s.checkType} ${s.checkTarget}`}
                  </td>
                </tr>
              ))}
              {services.length === 0 && (
                <tr className={t.row}>
                  <td className={t.title} colSpan={5}>
                    No services yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
