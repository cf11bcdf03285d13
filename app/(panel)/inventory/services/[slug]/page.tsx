import { ConfirmDelete } from "@/components/inventory/confirm-delete";
import { findOr404 } from "@/lib/http/find-or-404";
import { ServiceForm } from "@/components/inventory/service-form";
import { PageHeader } from "@/components/ui/page-header";
import { listMachines } from "@/lib/db/machines";
import { getService, listServices } from "@/lib/db/services";
import { serviceValues } from "@/lib/inventory/form-values";
import { SLUG } from "@/lib/commands/patterns";
import { removeService, saveService } from "../../actions";
import { requirePage } from "@/lib/auth/current";
import { visible } from "@/lib/text/visible";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  return { title: `Edit ${(await params).slug}` };
}

export default async function EditServicePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requirePage("inventory:write", `/inventory/services/${encodeURIComponent(slug)}`);
  const [service, machines, services] = await Promise.all([findOr404(slug, SLUG, getService), listMachines(), listServices()]);
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title={`Edit ${visible(service.name)}`} />
      <ServiceForm
        action={saveService.bind(null, service.slug)}
        initial={serviceValues(service)}
        machines={machines.map((m) => m.name)}
        groups={[...new Set(services.map((s) => s.groupName))]}
        submitLabel="Save changes"
      />
      <section className="mt-10 max-w-2xl border-t border-(--color-line) pt-6">
        <h2 className="mb-2 font-semibold">Delete this service</h2>
        <ConfirmDelete
          action={removeService}
          hidden={{ slug: service.slug }}
          title={`Delete ${visible(service.name)}?`}
          description={
            <>The tile and its health check are removed from the dashboard. Nothing changes on {service.machine?.name ?? "any machine"}.</>
          }
        />
      </section>
    </main>
  );
}
