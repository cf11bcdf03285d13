"use server";
// The admin creates the panel's own SSH key (never over a configured or existing one); audited.
import { revalidatePath } from "next/cache";
import { audit } from "@/lib/auth/audit";
import { requireAction } from "@/lib/auth/current";
import { DomainError } from "@/lib/errors";
import { createPanelKey } from "@/lib/ssh/panel-key";
import { sshPool } from "@/lib/ssh/pool";
import type { KeyReply } from "@/lib/wire/check-reply";

export async function createPanelKeyAction(): Promise<KeyReply> {
  let who;
  try {
    who = await requireAction("sshkey:create", "sshkey.create");
  } catch (err) {
    if (err instanceof DomainError) return { message: `The key was not created: ${err.message}`, created: false };
    throw err;
  }
  const { keyFile, keyConfigured } = sshPool().settings;
  try {
    const { created, key } = await createPanelKey({ path: keyFile, configured: keyConfigured });
    await audit(
      who.user,
      who.ctx.address,
      "sshkey.create",
      "ok",
      keyFile,
      created ? `created ${key.fingerprint}` : "a key was already there",
    );
    revalidatePath("/first-run");
    return { message: created ? "" : "A key already exists: it was kept.", created };
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    // A folder the panel may not write to is said with the folder, not only an errno.
    const why =
      err instanceof DomainError
        ? err.message
        : `${keyFile} could not be written (${err.message}); give the panel's user write access to its folder`;
    await audit(who.user, who.ctx.address, "sshkey.create", "failed", keyFile, why);
    return { message: `The key was not created: ${why}`, created: false };
  }
}
