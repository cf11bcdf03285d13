"use server";
// Delete an installer image: its GC root on the build host, then the store path. Operators and
// admins (iso:delete): it frees disk space only; the same flake revision builds the image again.
// Audited, with the outcome on the build host.
import { z } from "zod";
import type { DeleteIsoResult } from "@/components/isos/delete-iso-button";
import { audit } from "@/lib/auth/audit";
import { requireAction } from "@/lib/auth/current";
import { DomainError } from "@/lib/errors";
import { deleteIso } from "@/lib/isos/iso-images";

const input = z.number().int().min(1).max(2_147_483_647);

export async function deleteIsoAction(jobId: unknown): Promise<DeleteIsoResult> {
  const target = `iso #${typeof jobId === "number" ? jobId : "?"}`;
  let who;
  try {
    who = await requireAction("iso:delete", "iso.delete", target);
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, message: err.message };
    throw err;
  }
  const parsed = input.safeParse(jobId);
  if (!parsed.success) return { ok: false, message: "Not an image's job id." };
  try {
    const r = await deleteIso(parsed.data);
    await audit(who.user, who.ctx.address, "iso.delete", "ok", target, `${r.fileName} on ${r.builder}: ${r.note}`);
    return { ok: true, message: `Deleted ${r.fileName}: ${r.note}.` };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await audit(who.user, who.ctx.address, "iso.delete", "failed", target, err.message);
    return { ok: false, message: `Not deleted: ${err.message}` };
  }
}
