"use client";
// Add or change a notification channel. The kind picks its fields; the secret is write-only:
// a stored one is never sent to the browser, only whether one is set ("set — replace").
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass, TextField } from "@/components/ui/field";
import { emptyFormState, type FormState } from "@/lib/validation/form-state";
import { CHANNEL_KINDS, NOTIFY_RULES, RULE_LABELS, type ChannelKind } from "@/lib/validation/notify";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;
export type ChannelFormValues = {
  id?: number;
  name: string;
  kind: ChannelKind;
  config: Record<string, unknown>;
  secret: "stored" | "file" | "none";
  secretFile: string | null;
  rules: string[];
};

const KIND_LABEL: Record<ChannelKind, string> = { ntfy: "ntfy", webhook: "Webhook (JSON)", email: "E-mail (SMTP)" };
const SECRET_LABEL: Record<ChannelKind, string> = { ntfy: "Access token", webhook: "HMAC secret", email: "SMTP password" };
const EMPTY: ChannelFormValues = {
  name: "",
  kind: "ntfy",
  config: {},
  secret: "none",
  secretFile: null,
  rules: ["service", "machine", "deploy", "drift"],
};

export function ChannelForm({ action, initial = EMPTY, submit }: { action: Action; initial?: ChannelFormValues; submit: string }) {
  const [state, formAction, pending] = useActionState(action, emptyFormState);
  const v = (name: string) =>
    state.values?.[name] ??
    (name === "name" ? initial.name : name === "secretFile" ? (initial.secretFile ?? "") : String(initial.config[name] ?? ""));
  const [kind, setKind] = useState<ChannelKind>((state.values?.kind as ChannelKind | undefined) ?? initial.kind);
  const err = state.fields ?? {};
  return (
    <form action={formAction} className="grid max-w-xl gap-3" noValidate data-testid={`channel-form-${initial.id ?? "new"}`}>
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <TextField name="name" label="Name" defaultValue={v("name")} error={err.name} autoComplete="off" />
      <Field name="kind" label="Kind" error={err.kind}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)} className={inputClass}>
            {CHANNEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {kind !== "email" ? (
        <TextField
          name="url"
          label={kind === "ntfy" ? "Topic URL" : "Webhook URL"}
          hint={
            kind === "ntfy"
              ? "e.g. https://ntfy.sh/homelab-alerts"
              : `JSON is POSTed here; with a secret, X-Panel-Signature: sha256=<HMAC-SHA256 of the body>`
          }
          defaultValue={v("url")}
          error={err.url}
          inputMode="url"
          autoComplete="off"
        />
      ) : (
        <>
          <TextField name="host" label="SMTP host" defaultValue={v("host")} error={err.host} autoComplete="off" />
          <TextField name="port" label="Port" defaultValue={v("port") || "587"} error={err.port} inputMode="numeric" />
          <Field name="security" label="Security" error={err.security}>
            {(p) => (
              <select {...p} defaultValue={v("security") || "starttls"} className={inputClass}>
                <option value="starttls">STARTTLS (port 587)</option>
                <option value="tls">TLS (port 465)</option>
                <option value="none">none (a relay on loopback)</option>
              </select>
            )}
          </Field>
          <TextField name="user" label="User (optional)" defaultValue={v("user")} error={err.user} autoComplete="off" />
          <TextField name="from" label="From" defaultValue={v("from")} error={err.from} autoComplete="off" />
          <TextField name="to" label="To (comma-separated)" defaultValue={v("to")} error={err.to} autoComplete="off" />
        </>
      )}
      <TextField
        name="secret"
        type="password"
        label={`${SECRET_LABEL[kind]} (optional)`}
        hint={initial.secret === "stored" ? "Set — type a new one to replace it." : "Stored in the panel's database and never shown again."}
        error={err.secret}
        autoComplete="new-password"
      />
      <TextField
        name="secretFile"
        label="…or read it from a file (agenix)"
        hint="An absolute path such as /run/agenix/ntfy-token, read at each send."
        defaultValue={v("secretFile")}
        error={err.secretFile}
        autoComplete="off"
      />
      {initial.secret !== "none" && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="clearSecret" value="1" className="size-5" /> Remove the secret
        </label>
      )}
      <fieldset className="grid gap-1">
        <legend className="mb-1 text-sm font-medium">Send</legend>
        {NOTIFY_RULES.map((r) => (
          <label key={r} className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="rule" value={r} defaultChecked={initial.rules.includes(r)} className="size-5" /> {RULE_LABELS[r]}
          </label>
        ))}
      </fieldset>
      {state.message && (
        <p role="status" data-testid="action-message" className="text-sm">
          {state.message}
        </p>
      )}
      <div>
        <Button type="submit" variant="primary" disabled={pending}>
          {submit}
        </Button>
      </div>
    </form>
  );
}
