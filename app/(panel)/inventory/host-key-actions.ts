"use server";
// Trusting a machine's presented SSH host key from the machine page. Same lib call and audit
// as POST /api/machines/[name]/host-key; the admin trusts the fingerprint they were shown.
import { revalidatePath } from "next/cache";
import { audit } from "@/lib/auth/audit";
import { requireAction } from "@/lib/auth/current";
import { db } from "@/lib/db/client";
import { DomainError, ValidationError } from "@/lib/errors";
import { trustHostKey } from "@/lib/jobs/host-keys";
import type { FormState } from "@/lib/validation/form-state";
import { MACHINE_NAME } from "@/lib/commands/patterns";

export async function trustHostKeyAction(machine: unknown, _prev: FormState, form: FormData): Promise<FormState> {
  const target = typeof machine === "string" ? machine.slice(0, 100) : "";
  let who;
  try {
    who = await requireAction("hostkeys:trust", "hostkey.trust", target);
  } catch (err) {
    if (err instanceof DomainError) return { message: `The key was not trusted: ${err.message}` };
    throw err;
  }
  try {
    if (typeof machine !== "string" || !MACHINE_NAME.test(machine)) throw new ValidationError("Unknown machine.");
    const fingerprint = form instanceof FormData ? form.get("fingerprint") : null;
    if (typeof fingerprint !== "string" || fingerprint.length > 100) throw new ValidationError("No fingerprint to trust.");
    const { previous, pinned } = await trustHostKey(db(), machine, fingerprint);
    await audit(who.user, who.ctx.address, "hostkey.trust", "ok", machine, `${previous ?? "(none)"} -> ${pinned}`);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await audit(who.user, who.ctx.address, "hostkey.trust", "failed", target, err.message);
    return { message: `The key was not trusted: ${err.message}` };
  }
  revalidatePath(`/inventory/machines/${machine}`);
  return { message: "" };
}
