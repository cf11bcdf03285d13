"use client";
// The admin's "Trust this key" button: posts the fingerprint they were shown.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { emptyFormState, type FormState } from "@/lib/validation/form-state";

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  fingerprint: string;
  replacing: boolean;
};

export function TrustHostKey({ action, fingerprint, replacing }: Props) {
  const [state, formAction, pending] = useActionState(action, emptyFormState);
  return (
    <form action={formAction} className="grid gap-2" aria-busy={pending}>
      <FormMessage message={state.message} />
      <input type="hidden" name="fingerprint" value={fingerprint} />
      <p className="text-sm">
        Verify this fingerprint out of band (on the host: <code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>) before trusting it.
      </p>
      <div>
        <Button type="submit" variant={replacing ? "danger" : "primary"} disabled={pending} data-testid="trust-host-key">
          {pending ? "Trusting…" : replacing ? "Replace the pinned key with this one" : "Trust this key"}
        </Button>
      </div>
    </form>
  );
}
