"use server";
// Promote: deploy the production machine from exactly the revision that passed on its test machine.
// Operators and admins (jobs:run); the override of a revision that did not pass is for admins
// (checked, and every attempt audited, in lib/machine/promote-request.ts).
import type { PromoteActionReply } from "@/components/promote/types";
import { requireAction } from "@/lib/auth/current";
import { DomainError } from "@/lib/errors";
import { getJob } from "@/lib/jobs";
import { PROMOTE, requestPromote } from "@/lib/machine/promote-request";

export async function promoteAction(machine: unknown, request: unknown): Promise<PromoteActionReply> {
  let w;
  try {
    w = await requireAction("jobs:run", PROMOTE, typeof machine === "string" ? machine.slice(0, 64) : "?");
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, message: err.message, overridable: false };
    throw err;
  }
  const reply = await requestPromote(machine, request, { user: w.user, address: w.ctx.address });
  return reply.ok ? { ...reply, job: await getJob(reply.jobId) } : reply;
}
