import { MachineForm } from "@/components/inventory/machine-form";
import { PageHeader } from "@/components/ui/page-header";
import { blankMachine } from "@/lib/inventory/form-values";
import { saveMachine } from "../../actions";

export const metadata = { title: "Add machine" };

export default function NewMachinePage() {
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title="Add machine" />
      <MachineForm action={saveMachine.bind(null, null)} initial={blankMachine} submitLabel="Add machine" />
    </main>
  );
}
