import { ServiceForm } from "@/components/inventory/service-form";
import { PageHeader } from "@/components/ui/page-header";
import { listMachines } from "@/lib/db/machines";
import { listServices } from "@/lib/db/services";
import { blankService } from "@/lib/inventory/form-values";
import { saveService } from "../../actions";
import { requirePage } from "@/lib/auth/current";

export const dynamic = "force-dynamic";
export const metadata = { title: "Add service" };

export default async function NewServicePage() {
  await requirePage("inventory:write", "/inventory/services/new");
  const [machines, services] = await Promise.all([listMachines(), listServices()]);
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title="Add service" />
      <ServiceForm
        action={saveService.bind(null, null)}
        initial={blankService}
        machines={machines.map((m) => m.name)}
        groups={[...new Set(services.map((s) => s.groupName))]}
        submitLabel="Add service"
      />
    </main>
  );
}
