"use client";
// Create or edit a machine. Field errors come from the server; typed values are kept.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextField, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { MachineValues } from "@/lib/inventory/form-values";
import { emptyFormState, type FormState } from "@/lib/validation/form-state";

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  initial: MachineValues;
  submitLabel: string;
};

const ROLES = ["production", "testing", "installer", "other"];

export function MachineForm({ action, initial, submitLabel }: Props) {
  const [state, formAction, pending] = useActionState(action, emptyFormState);
  const v = state.values ? { ...initial, deployable: "", neverBuilds: "", ...state.values } : initial;
  const e = state.fields ?? {};
  return (
    <form action={formAction} noValidate className="grid max-w-2xl gap-4" aria-busy={pending}>
      <FormMessage message={state.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="name"
          label="Name"
          defaultValue={v.name}
          error={e.name}
          hint="Lower-case, e.g. frame1"
          required
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField
          name="system"
          label="System"
          defaultValue={v.system}
          error={e.system}
          list="systems"
          hint="x86_64-linux, aarch64-linux…"
          required
          autoCapitalize="none"
        />
        <Field name="role" label="Role" error={e.role}>
          {(p) => (
            <select {...p} defaultValue={v.role} className={inputClass}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          name="flakeAttr"
          label="Flake attribute"
          defaultValue={v.flakeAttr}
          error={e.flakeAttr}
          hint="nixosConfigurations.<attr>"
          autoCapitalize="none"
          spellCheck={false}
        />
      </div>
      <datalist id="systems">
        <option value="x86_64-linux" />
        <option value="aarch64-linux" />
      </datalist>
      <TextField name="description" label="Description" defaultValue={v.description} error={e.description} />
      <fieldset className="grid gap-4 rounded-xl border border-(--color-line) p-4 sm:grid-cols-[1fr_10rem_7rem]">
        <legend className="px-1 text-sm font-medium">SSH</legend>
        <TextField name="sshHost" label="Host" defaultValue={v.sshHost} error={e.sshHost} autoCapitalize="none" spellCheck={false} />
        <TextField name="sshUser" label="User" defaultValue={v.sshUser} error={e.sshUser} autoCapitalize="none" spellCheck={false} />
        <TextField name="sshPort" label="Port" inputMode="numeric" defaultValue={v.sshPort} error={e.sshPort} />
      </fieldset>
      <fieldset className="grid gap-4 rounded-xl border border-(--color-line) p-4 sm:grid-cols-2">
        <legend className="px-1 text-sm font-medium">Build and deploy</legend>
        <TextField
          name="flakeDir"
          label="Flake directory"
          defaultValue={v.flakeDir}
          error={e.flakeDir}
          hint="Absolute path of the flake checkout on the build host"
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField
          name="buildHost"
          label="Build host"
          defaultValue={v.buildHost}
          error={e.buildHost}
          hint="A machine name; empty: this machine"
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField
          name="testFor"
          label="Test machine of"
          defaultValue={v.testFor}
          error={e.testFor}
          hint="The production machine this one tests first (e.g. frame1 for frame1-vm); empty: none"
          autoCapitalize="none"
          spellCheck={false}
        />
        <div className="sm:col-span-2">
          <TextField
            name="deployCommand"
            label="Deploy command"
            defaultValue={v.deployCommand}
            error={e.deployCommand}
            hint='"nix-run" (nix run <flake>#deploy) or the absolute path of a deploy-rs binary'
            autoCapitalize="none"
            spellCheck={false}
          />
        </div>
      </fieldset>
      <label className="flex min-h-11 items-center gap-3 text-sm">
        <input type="checkbox" name="deployable" defaultChecked={v.deployable === "on" || v.deployable === "true"} className="size-5" />
        Deployable (the panel may build and deploy this machine)
      </label>
      <label className="flex min-h-11 items-center gap-3 text-sm">
        <input type="checkbox" name="neverBuilds" defaultChecked={v.neverBuilds === "on" || v.neverBuilds === "true"} className="size-5" />
        Never builds (a weak device: its build host builds the system and copies it here)
      </label>
      <div className="flex gap-3">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <a href="/inventory" className="inline-flex h-11 items-center px-2 text-sm underline-offset-2 hover:underline">
          Cancel
        </a>
      </div>
    </form>
  );
}
