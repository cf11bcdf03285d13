import { ConfirmDelete } from "@/components/inventory/confirm-delete";
import { findOr404 } from "@/lib/http/find-or-404";
import { HostKeySection } from "@/components/inventory/host-key-section";
import { MachineForm } from "@/components/inventory/machine-form";
import { ServiceDisposition } from "@/components/inventory/service-disposition";
import { PageHeader } from "@/components/ui/page-header";
import { getMachine, listMachines } from "@/lib/db/machines";
import { filePinOf } from "@/lib/ssh/known-hosts-view";
import { machineValues } from "@/lib/inventory/form-values";
import { MACHINE_NAME } from "@/lib/commands/patterns";
import { removeMachine, saveMachine } from "../../actions";
import { requirePage } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { trustHostKeyAction } from "../../host-key-actions";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: (await params).name };
}

export default async function EditMachinePage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const user = await requirePage("inventory:write", `/inventory/machines/${encodeURIComponent(name)}`);
  const [machine, machines] = await Promise.all([findOr404(name, MACHINE_NAME, getMachine), listMachines()]);
  const file = await filePinOf(machine);
  const count = machine.services.length;
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title={`Edit ${machine.name}`} />
      <MachineForm action={saveMachine.bind(null, machine.name)} initial={machineValues(machine)} submitLabel="Save changes" />
      <HostKeySection
        machine={machine.name}
        pinned={machine.hostKeyFingerprint}
        presented={machine.presentedFingerprint}
        file={file}
        canTrust={can(user, "hostkeys:trust")}
        action={trustHostKeyAction.bind(null, machine.name)}
      />
      <section className="mt-10 max-w-2xl border-t border-(--color-line) pt-6">
        <h2 className="mb-2 font-semibold">Delete this machine</h2>
        <ConfirmDelete
          action={removeMachine}
          hidden={{ name: machine.name }}
          title={`Delete ${machine.name}?`}
          description={
            count > 0 ? (
              <>
                It has {count} service{count === 1 ? "" : "s"}: {machine.services.map((s) => s.name).join(", ")}. Choose what happens to
                them.
              </>
            ) : (
              <>It has no services. Only the inventory entry is removed; the machine itself is not touched.</>
            )
          }
        >
          {count > 0 && <ServiceDisposition count={count} machines={machines.filter((m) => m.name !== machine.name).map((m) => m.name)} />}
        </ConfirmDelete>
      </section>
    </main>
  );
}
