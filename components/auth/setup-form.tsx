"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { postJson } from "./post-json";

export function SetupForm({ token }: { token: string | null }) {
  const [message, setMessage] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    if (form.get("password") !== form.get("confirm")) {
      setFields({ confirm: "The two passwords differ." });
      return;
    }
    setPending(true);
    const res = await postJson("/api/auth/setup", { name: form.get("name"), password: form.get("password"), ...(token ? { token } : {}) });
    setPending(false);
    // The owner's next step: the panel's SSH key and the first machine (the first-run page).
    if (res.ok) return window.location.assign("/first-run");
    setMessage(res.error.message);
    setFields(res.error.fields ?? {});
  }

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <FormMessage message={message} />
      <TextField
        name="name"
        label="Admin user name"
        defaultValue="admin"
        autoComplete="username"
        autoCapitalize="none"
        error={fields.name}
        required
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        error={fields.password}
        required
      />
      <TextField name="confirm" label="Password again" type="password" autoComplete="new-password" error={fields.confirm} required />
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Creating…" : "Create admin and log in"}
      </Button>
    </form>
  );
}
