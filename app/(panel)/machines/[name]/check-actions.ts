"use server";
// "Check connection": the page asks for one check at a time, in order, and shows each answer as it
// comes (progress without polling). Any role that sees the machine page may run them: they only read.
import { audit } from "@/lib/auth/audit";
import { requireAction } from "@/lib/auth/current";
import { DomainError } from "@/lib/errors";
import { runCheck } from "@/lib/machine/connection-check";
import { checkRequest } from "@/lib/validation/connection-check";
import type { CheckReply } from "@/lib/wire/check-reply";

export async function runCheckAction(machine: unknown, check: unknown): Promise<CheckReply> {
  const target = typeof machine === "string" ? machine.slice(0, 100) : "";
  let who;
  try {
    who = await requireAction("jobs:read", "machine.check", target);
  } catch (err) {
    if (err instanceof DomainError) return { error: err.message };
    throw err;
  }
  const input = checkRequest.safeParse({ machine, check });
  if (!input.success) {
    await audit(who.user, who.ctx.address, "machine.check", "failed", target, "invalid input");
    return { error: `Invalid check: ${input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` };
  }
  const result = await runCheck(input.data.machine, input.data.check);
  // One audit row per check: who looked at which machine, and what came back.
  await audit(
    who.user,
    who.ctx.address,
    "machine.check",
    result.status === "failed" ? "failed" : "ok",
    target,
    `${result.id}: ${result.detail}`,
  );
  return { result };
}
