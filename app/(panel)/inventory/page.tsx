import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { InventoryTable } from "@/components/inventory/inventory-table";
import { listMachines } from "@/lib/db/machines";
import { listServices } from "@/lib/db/services";
import { requirePage } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { UserMenu } from "@/components/auth/user-menu";
import { visible } from "@/lib/text/visible";
import { FleetBar, FleetCheckbox, FleetSelectProvider } from "@/components/fleet/fleet-select";

export const dynamic = "force-dynamic";
export const metadata = { title: "Inventory" };

export default async function InventoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("inventory:read", "/inventory");
  const canWrite = can(user, "inventory:write");
  const canDeploy = can(user, "jobs:run");
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
      <FleetSelectProvider eligible={canDeploy ? machines.filter((m) => m.deployable && m.sshHost && m.sshUser).map((m) => m.name) : []}>
        <div className="mt-6">
          <FleetBar />
        </div>
        <InventoryTable
          id="machines"
          className="mt-2"
          title="Machines"
          rows={machines}
          testId="inventory-machine"
          empty="No machines yet."
          href={canWrite ? (m) => `/inventory/machines/${m.name}` : null}
          columns={[
            ...(canDeploy
              ? [{ label: "Deploy", col: "select", render: (m: (typeof machines)[number]) => <FleetCheckbox name={m.name} /> }]
              : []),
            { label: "System", mono: true, render: (m) => m.system },
            { label: "Role", render: (m) => `${m.role}${m.deployable ? "" : " (not deployable)"}` },
            {
              label: "SSH",
              mono: true,
              col: "ssh",
              render: (m) => (m.sshHost ? `${m.sshUser ?? ""}${m.sshUser ? "@" : ""}${m.sshHost}:${m.sshPort}` : "—"),
            },
            { label: "Services", render: (m) => m._count.services },
          ]}
        />
      </FleetSelectProvider>
      <InventoryTable
        id="services"
        title="Services"
        className="mt-8"
        rows={services}
        testId="inventory-service"
        empty="No services yet."
        href={canWrite ? (s) => `/inventory/services/${s.slug}` : null}
        columns={[
          { label: "Group", render: (s) => visible(s.groupName) },
          { label: "Machine", render: (s) => s.machine?.name ?? "—" },
          { label: "Unit", mono: true, render: (s) => s.unit ?? "—" },
          {
            label: "Check",
            col: "check",
            extra: "break-all",
            render: (s) => (s.checkType === "none" ? "—" : `${s.checkType} ${s.checkTarget}`),
          },
        ]}
      />
    </main>
  );
}
