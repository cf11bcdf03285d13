"use server";
// Admin: create users, change roles, delete users. Every change audited.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { audit } from "@/lib/auth/audit";
import { requireAction } from "@/lib/auth/current";
import { hashPassword } from "@/lib/auth/password";
import { ROLES } from "@/lib/validation/roles";
import { endAllSessions } from "@/lib/auth/session";
import { createUser, deleteUser, updateUser } from "@/lib/db/users";
import { DomainError } from "@/lib/errors";
import { fieldErrors, formToObject } from "@/lib/validation/form";
import type { FormState } from "@/lib/validation/form-state";
import { newUserInput } from "@/lib/validation/auth";

const idInput = z.object({ id: z.coerce.number().int().positive() });
const roleInput = idInput.extend({ role: z.enum(ROLES) });

async function admin(action: string, target: string) {
  try {
    return await requireAction("users:manage", action, target);
  } catch (err) {
    if (err instanceof DomainError) return { denied: err.message } as const;
    throw err;
  }
}

async function attempt(
  who: Awaited<ReturnType<typeof requireAction>>,
  action: string,
  target: string,
  work: () => Promise<unknown>,
): Promise<FormState> {
  try {
    await work();
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await audit(who.user, who.ctx.address, action, "failed", target, err.message);
    return { message: err.message, fields: err.fields };
  }
  await audit(who.user, who.ctx.address, action, "ok", target);
  revalidatePath("/users");
  return { message: "Done." };
}

export async function addUser(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const who = await admin("users.create", values.name ?? "");
  if ("denied" in who) return { message: who.denied };
  const parsed = newUserInput.safeParse(values);
  if (!parsed.success) return { message: "Nothing was saved.", fields: fieldErrors(parsed.error) };
  const { password, ...rest } = parsed.data;
  return attempt(who, "users.create", rest.name, async () => createUser({ ...rest, passwordHash: await hashPassword(password) }));
}

export async function setRole(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const who = await admin("users.role", values.id ?? "");
  const parsed = roleInput.safeParse(values);
  if ("denied" in who) return { message: who.denied };
  if (!parsed.success) return { message: "Choose a role." };
  return attempt(who, "users.role", `${parsed.data.id}:${parsed.data.role}`, async () => {
    await updateUser(parsed.data.id, { role: parsed.data.role });
    await endAllSessions(parsed.data.id);
  });
}

export async function removeUser(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  const who = await admin("users.delete", values.id ?? "");
  const parsed = idInput.safeParse(values);
  if ("denied" in who) return { message: who.denied };
  if (!parsed.success) return { message: "Unknown user." };
  if (parsed.data.id === who.user.id) return { message: "You cannot delete yourself." };
  return attempt(who, "users.delete", String(parsed.data.id), () => deleteUser(parsed.data.id));
}
