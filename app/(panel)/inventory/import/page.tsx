import Link from "next/link";
import { FlakeImportForm } from "@/components/inventory/import/flake-import-form";
import { HomepageImportForm } from "@/components/inventory/import/homepage-import-form";
import { ImportTabs } from "@/components/inventory/import/import-tabs";
import { UserMenu } from "@/components/auth/user-menu";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/current";
import { listMachines } from "@/lib/db/machines";
import { importFlake, importHomepage, loadHomepageFromFlake, loadHomepageFromNix } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Import" };

export default async function ImportPage() {
  const user = await requirePage("inventory:write", "/inventory/import");
  const machines = (await listMachines()).filter((m) => m.sshHost && m.sshUser);
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title="Import">
        <Link href="/inventory" className="min-h-11 content-center px-2 text-(--color-accent) underline-offset-2 hover:underline">
          Inventory
        </Link>
        <UserMenu user={user} />
      </PageHeader>
      <p className="max-w-3xl text-sm text-(--color-muted)">
        Preview shows what would be added, changed, left alone or skipped (and why). Nothing changes until you apply; importing the same
        configuration again changes nothing.
      </p>
      <ImportTabs
        tabs={[
          {
            id: "homepage",
            label: "From Homepage",
            panel: (
              <HomepageImportForm
                action={importHomepage}
                load={loadHomepageFromFlake}
                loadNix={loadHomepageFromNix}
                machines={machines.map((m) => ({ name: m.name, attr: m.flakeAttr ?? m.name }))}
              />
            ),
          },
          {
            id: "flake",
            label: "From flake",
            panel: <FlakeImportForm action={importFlake} machines={machines.map((m) => ({ name: m.name, flakeDir: m.flakeDir }))} />,
          },
        ]}
      />
    </main>
  );
}
