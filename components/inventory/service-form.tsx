"use client";
// Create or edit a service. Field errors come from the server; typed values are kept.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextField, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { ICONS } from "@/lib/validation/icons";
import type { ServiceValues } from "@/lib/inventory/form-values";
import { emptyFormState, type FormState } from "@/lib/validation/form-state";

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  initial: ServiceValues;
  machines: string[];
  groups: string[];
  submitLabel: string;
};

export function ServiceForm({ action, initial, machines, groups, submitLabel }: Props) {
  const [state, formAction, pending] = useActionState(action, emptyFormState);
  const v = { ...initial, ...state.values };
  const e = state.fields ?? {};
  return (
    <form action={formAction} noValidate className="grid max-w-2xl gap-4" aria-busy={pending}>
      <FormMessage message={state.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label="Name" defaultValue={v.name} error={e.name} required maxLength={80} />
        <TextField
          name="slug"
          label="Id"
          defaultValue={v.slug}
          error={e.slug}
          hint="Lower-case, e.g. grafana"
          required
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField name="groupName" label="Group" defaultValue={v.groupName} error={e.groupName} list="groups" required />
        <Field name="icon" label="Icon" error={e.icon}>
          {(p) => (
            <select {...p} defaultValue={v.icon} className={inputClass}>
              <option value="">(none)</option>
              {ICONS.map((i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <datalist id="groups">
        {groups.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      <TextField name="description" label="Description" defaultValue={v.description} error={e.description} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="url" label="Link" type="url" inputMode="url" defaultValue={v.url} error={e.url} placeholder="https://…" />
        <TextField
          name="docsUrl"
          label="Docs link"
          type="url"
          inputMode="url"
          defaultValue={v.docsUrl}
          error={e.docsUrl}
          placeholder="https://…"
        />
        <Field name="machine" label="Machine" error={e.machine}>
          {(p) => (
            <select {...p} defaultValue={v.machine} className={inputClass}>
              <option value="">(none)</option>
              {machines.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          name="unit"
          label="systemd unit"
          defaultValue={v.unit}
          error={e.unit}
          placeholder="grafana.service"
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField
          name="ports"
          label="Ports"
          defaultValue={v.ports}
          error={e.ports}
          hint="e.g. 80/tcp, 443/tcp or 41641/udp"
          inputMode="text"
        />
      </div>
      <fieldset className="grid gap-4 rounded-xl border border-(--color-line) p-4 sm:grid-cols-[10rem_1fr]">
        <legend className="px-1 text-sm font-medium">Health check</legend>
        <Field name="checkType" label="Kind" error={e.checkType}>
          {(p) => (
            <select {...p} defaultValue={v.checkType} className={inputClass}>
              <option value="none">none</option>
              <option value="http">HTTP</option>
              <option value="tcp">TCP</option>
            </select>
          )}
        </Field>
        <TextField
          name="checkTarget"
          label="Target"
          defaultValue={v.checkTarget}
          error={e.checkTarget}
          hint="A URL for HTTP, host:port for TCP"
          autoCapitalize="none"
          spellCheck={false}
        />
      </fieldset>
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
