"use server";
// The current user's own account: password, TOTP second factor.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { audit } from "@/lib/auth/audit";
import { requireAction } from "@/lib/auth/current";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { newTotpSecret, verifyTotp } from "@/lib/auth/totp";
import { findUserById, findUserForLogin, updateUser } from "@/lib/db/users";
import { DomainError } from "@/lib/errors";
import { fieldErrors, formToObject } from "@/lib/validation/form";
import type { FormState } from "@/lib/validation/form-state";
import { newPassword } from "@/lib/validation/auth";

const passwordChange = z.object({ current: z.string().min(1, "Enter your current password.").max(256), password: newPassword });
const code = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code."),
});

async function me(action: string) {
  try {
    return await requireAction("account:manage", action);
  } catch (err) {
    if (err instanceof DomainError) return null;
    throw err;
  }
}

export async function changePassword(_prev: FormState, form: FormData): Promise<FormState> {
  const who = await me("account.password");
  if (!who) return { message: "Log in first." };
  const parsed = passwordChange.safeParse(formToObject(form));
  if (!parsed.success) return { message: "Nothing was changed.", fields: fieldErrors(parsed.error) };
  const row = await findUserForLogin(who.user.name);
  if (!row || !(await verifyPassword(parsed.data.current, row.passwordHash))) {
    await audit(who.user, who.ctx.address, "account.password", "failed", who.user.name, "wrong current password");
    return { message: "Nothing was changed.", fields: { current: "Wrong password." } };
  }
  await updateUser(who.user.id, { passwordHash: await hashPassword(parsed.data.password) });
  await audit(who.user, who.ctx.address, "account.password", "ok", who.user.name);
  return { message: "Password changed." };
}

export async function startTotp(): Promise<FormState> {
  const who = await me("account.totp.start");
  if (!who) return { message: "Log in first." };
  await updateUser(who.user.id, { totpSecret: newTotpSecret(), totpEnabled: false });
  revalidatePath("/account");
  return {};
}

export async function confirmTotp(_prev: FormState, form: FormData): Promise<FormState> {
  const who = await me("account.totp.enable");
  if (!who) return { message: "Log in first." };
  const parsed = code.safeParse(formToObject(form));
  if (!parsed.success) return { fields: fieldErrors(parsed.error) };
  const user = await findUserById(who.user.id);
  if (!user?.totpSecret || !verifyTotp(user.totpSecret, parsed.data.code))
    return { fields: { code: "That code does not match. Check the time on your phone." } };
  await updateUser(who.user.id, { totpEnabled: true });
  await audit(who.user, who.ctx.address, "account.totp.enable", "ok", who.user.name);
  revalidatePath("/account");
  return { message: "Two-factor login is on." };
}

export async function disableTotp(_prev: FormState, form: FormData): Promise<FormState> {
  const who = await me("account.totp.disable");
  if (!who) return { message: "Log in first." };
  const parsed = code.safeParse(formToObject(form));
  const user = await findUserById(who.user.id);
  if (!parsed.success || !user?.totpSecret || !verifyTotp(user.totpSecret, parsed.data.code))
    return { fields: { code: "Enter a current code to turn it off." } };
  await updateUser(who.user.id, { totpEnabled: false, totpSecret: null });
  await audit(who.user, who.ctx.address, "account.totp.disable", "ok", who.user.name);
  revalidatePath("/account");
  return { message: "Two-factor login is off." };
}
