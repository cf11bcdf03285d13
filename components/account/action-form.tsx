"use client";
// A small form bound to a server action, showing its message and field errors.
import { useActionState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { emptyFormState, type FormState } from "@/lib/validation/form-state";

export type FieldSpec = { name: string; label: string; type?: string; autoComplete?: string; inputMode?: "numeric" | "text" };

export function ActionForm({
  action,
  fields,
  submit,
  children,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  fields: FieldSpec[];
  submit: string;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, emptyFormState);
  return (
    <form action={formAction} className="grid max-w-md gap-3" noValidate>
      {children}
      {fields.map((f) => (
        <TextField
          key={f.name}
          name={f.name}
          label={f.label}
          type={f.type}
          autoComplete={f.autoComplete}
          inputMode={f.inputMode}
          error={state.fields?.[f.name]}
        />
      ))}
      {state.message && (
        <p role="status" data-testid="action-message" className="text-sm">
          {state.message}
        </p>
      )}
      <div>
        <Button type="submit" disabled={pending}>
          {submit}
        </Button>
      </div>
    </form>
  );
}
