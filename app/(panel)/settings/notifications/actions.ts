"use server";
// Admin: add, change and delete notification channels, and send a test through one. Every call audited.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { audit } from "@/lib/auth/audit";
import { requireAction } from "@/lib/auth/current";
import { DomainError } from "@/lib/errors";
import { notifySecretDirs } from "@/lib/env";
import { notifier } from "@/lib/notify/registry";
import { secretFileAllowed } from "@/lib/notify/secret";
import { deleteChannel, saveChannel } from "@/lib/notify/settings";
import { formToObject } from "@/lib/validation/form";
import type { FormState } from "@/lib/validation/form-state";
import { parseChannelForm } from "@/lib/validation/notify";

const PATH = "/settings/notifications";
const idInput = z.object({ id: z.coerce.number().int().positive() });

async function admin(action: string, target: string) {
  try {
    return await requireAction("notify:manage", action, target);
  } catch (err) {
    if (err instanceof DomainError) return { denied: err.message } as const;
    throw err;
  }
}

/** The form's values without secrets, so a refused form keeps what was typed but never echoes a secret. */
function keep(values: Record<string, string>): Record<string, string> {
  const { secret: _secret, ...rest } = values;
  return rest;
}

export async function saveChannelAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const rules = form instanceof FormData ? form.getAll("rule").filter((r): r is string => typeof r === "string") : [];
  const action = values.id ? "notify.channel.update" : "notify.channel.create";
  const who = await admin(action, values.name ?? "");
  if ("denied" in who) return { message: who.denied };
  const parsed = parseChannelForm(values, rules);
  if (!parsed.ok) return { message: "Nothing was saved.", fields: parsed.fields, values: keep(values) };
  const dirs = notifySecretDirs();
  if (parsed.data.secretFile && !secretFileAllowed(parsed.data.secretFile, dirs)) {
    const secretFile = `Secret files are read only under ${dirs.join(", ")} (NOTIFY_SECRET_DIRS).`;
    return { message: "Nothing was saved.", fields: { secretFile }, values: keep(values) };
  }
  try {
    await saveChannel(parsed.data);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await audit(who.user, who.ctx.address, action, "failed", parsed.data.name, err.message);
    return { message: err.message, fields: err.fields, values: keep(values) };
  }
  await audit(who.user, who.ctx.address, action, "ok", parsed.data.name);
  revalidatePath(PATH);
  return { message: "Saved." };
}

export async function deleteChannelAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const who = await admin("notify.channel.delete", values.id ?? "");
  if ("denied" in who) return { message: who.denied };
  const parsed = idInput.safeParse(values);
  if (!parsed.success) return { message: "Unknown channel." };
  try {
    await deleteChannel(parsed.data.id);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { message: err.message };
  }
  await audit(who.user, who.ctx.address, "notify.channel.delete", "ok", String(parsed.data.id));
  revalidatePath(PATH);
  return { message: "Deleted." };
}

export async function sendTestAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const who = await admin("notify.channel.test", values.id ?? "");
  if ("denied" in who) return { message: who.denied };
  const parsed = idInput.safeParse(values);
  if (!parsed.success) return { message: "Unknown channel." };
  const result = await notifier().sendTest(parsed.data.id);
  const target = String(parsed.data.id);
  await audit(who.user, who.ctx.address, "notify.channel.test", result.ok ? "ok" : "failed", target, result.ok ? undefined : result.error);
  revalidatePath(PATH);
  return result.ok
    ? { message: "Sent: the test arrived at the channel." }
    : { message: `Failed: ${result.error}`, fields: { _form: result.error } };
}
