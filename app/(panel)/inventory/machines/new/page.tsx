import { MachineForm } from "@/components/inventory/machine-form";
import { PageHeader } from "@/components/ui/page-header";
import { blankMachine } from "@/lib/inventory/form-values";
import { saveMachine } from "../../actions";
import { requirePage } from "@/lib/auth/current";

export const dynamic = "force-dynamic";

export const metadata = { title: "Add machine" };

export default async function NewMachinePage() {
  await requirePage("inventory:write", "/inventory/machines/new");
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title="Add machine" />
      <MachineForm action={saveMachine.bind(null, null)} initial={blankMachine} submitLabel="Add machine" />
    </main>
  );
}
