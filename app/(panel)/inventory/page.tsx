import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { listMachines } from "@/lib/db/machines";
import { listServices } from "@/lib/db/services";
import { requirePage } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { UserMenu } from "@/components/auth/user-menu";
import { visible } from "@/lib/text/visible";

export const dynamic = "force-dynamic";
export const metadata = { title: "Inventory" };

const cell = "px-3 py-2 text-left align-top";

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
          <table className="w-full text-sm">
            <thead className="text-(--color-muted)">
              <tr>
                <th className={cell}>Name</th>
                <th className={cell}>System</th>
                <th className={cell}>Role</th>
                <th className={cell}>SSH</th>
                <th className={cell}>Services</th>
              </tr>
            </thead>
            <tbody>
              {machines.map((m) => (
                <tr key={m.id} className="border-t border-(--color-line)">
                  <td className={cell}>
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
                  <td className={`${cell} font-mono`}>{m.system}</td>
                  <td className={cell}>
                    {m.role}
                    {m.deployable ? "" : " (not deployable)"}
                  </td>
                  <td className={`${cell} font-mono`}>
                    {m.sshHost ? `${m.sshUser ?? ""}${m.sshUser ? "@" : ""}${m.sshHost}:${m.sshPort}` : "—"}
                  </td>
                  <td className={cell}>{m._count.services}</td>
                </tr>
              ))}
              {machines.length === 0 && (
                <tr>
                  <td className={cell} colSpan={5}>
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
          <table className="w-full text-sm">
            <thead className="text-(--color-muted)">
              <tr>
                <th className={cell}>Name</th>
                <th className={cell}>Group</th>
                <th className={cell}>Machine</th>
                <th className={cell}>Unit</th>
                <th className={cell}>Check</th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.id} className="border-t border-(--color-line)">
                  <td className={cell}>
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
                  <td className={cell}>{visible(s.groupName)}</td>
                  <td className={cell}>{s.machine?.name ?? "—"}</td>
                  <td className={`${cell} font-mono`}>{s.unit ?? "—"}</td>
                  <td className={`${cell} break-all`}>{s.checkType === "none" ? "—" : `${s.checkType} ${s.checkTarget}`}</td>
                </tr>
              ))}
              {services.length === 0 && (
                <tr>
                  <td className={cell} colSpan={5}>
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
