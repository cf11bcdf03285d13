"use client";
// Evaluate the homelab flake on a machine of the inventory (nix eval over SSH), preview, apply.
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { ImportState } from "@/lib/import/model/plan";
import { PlanView } from "./plan-view";

type Props = {
  action: (prev: ImportState, form: FormData) => Promise<ImportState>;
  machines: { name: string; flakeDir: string }[];
};

export function FlakeImportForm({ action, machines }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const [machine, setMachine] = useState(machines[0]?.name ?? "");
  const [flakeDir, setFlakeDir] = useState(machines[0]?.flakeDir ?? "");
  const [previewed, setPreviewed] = useState<string | null>(null);
  const current = `${machine}\n${flakeDir}`;
  const canApply = state.mode === "preview" && !!state.plan && previewed === current && !pending;
  const e = state.fields ?? {};

  if (machines.length === 0) {
    return <p className="text-sm text-(--color-muted)">No machine with an SSH host yet: add the build host under Inventory first.</p>;
  }
  return (
    <div className="grid gap-6">
      <form action={formAction} onSubmit={() => setPreviewed(current)} noValidate className="grid max-w-3xl gap-4" aria-busy={pending}>
        <FormMessage message={state.message} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field name="machine" label="Evaluate on" error={e.machine}>
            {(p) => (
              <select
                {...p}
                value={machine}
                className={inputClass}
                onChange={(ev) => {
                  setMachine(ev.target.value);
                  setFlakeDir(machines.find((m) => m.name === ev.target.value)?.flakeDir ?? "");
                }}
              >
                {machines.map((m) => (
                  <option key={m.name} value={m.name}>
                    {m.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="flakeDir" label="Flake directory" error={e.flakeDir} hint="On that machine; defaults to its flake checkout.">
            {(p) => (
              <input
                {...p}
                value={flakeDir}
                onChange={(ev) => setFlakeDir(ev.target.value)}
                className={inputClass}
                autoCapitalize="none"
                spellCheck={false}
              />
            )}
          </Field>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" name="mode" value="preview" disabled={pending}>
            {pending ? "Evaluating…" : "Preview"}
          </Button>
          <Button type="submit" name="mode" value="apply" variant="primary" disabled={!canApply}>
            Apply
          </Button>
        </div>
      </form>
      {state.plan && <PlanView plan={state.plan} applied={state.mode === "apply"} />}
    </div>
  );
}
