"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { postJson } from "./post-json";

export function LoginForm({ next }: { next: string }) {
  const [needTotp, setNeedTotp] = useState(false);
  const [message, setMessage] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    const res = await postJson("/api/auth/login", {
      name: form.get("name"),
      password: form.get("password"),
      ...(needTotp ? { totp: form.get("totp") } : {}),
    });
    setPending(false);
    if (res.ok) {
      window.location.assign(next);
      return;
    }
    if (res.error.code === "totp_required") setNeedTotp(true);
    setMessage(res.error.message);
    setFields(res.error.fields ?? {});
  }

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <FormMessage message={message} />
      <TextField
        name="name"
        label="User name"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        error={fields.name}
        required
        autoFocus
      />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" error={fields.password} required />
      {needTotp && (
        <TextField
          name="totp"
          label="Authenticator code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          error={fields.totp}
          autoFocus
        />
      )}
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Logging in…" : "Log in"}
      </Button>
    </form>
  );
}
