"use server";
// What the user does with an "Update inputs" preview on the machine page: accept (commit the new
// flake.lock in the checkout with a message, optionally push, then deploy) or cancel (remove the
// scratch copy; the checkout was never touched). Operators and admins (jobs:run); audited.
import { z } from "zod";
import { audit } from "@/lib/auth/audit";
import { requireAction } from "@/lib/auth/current";
import { DomainError } from "@/lib/errors";
import { broadcastCheckoutChanged } from "@/lib/live/io";
import { db } from "@/lib/db/client";
import { acceptFlakeUpdate, cancelFlakeUpdate } from "@/lib/machine/flake-update";
import { scheduleSchema, writeSchedule } from "@/lib/machine/flake-schedule";
import type { DecisionReply } from "@/components/checkout/types";

const jobId = z.number().int().min(1).max(2_147_483_647);
const acceptInput = z.strictObject({
  job: jobId,
  message: z
    .string()
    .trim()
    .min(1, "a commit message is needed")
    .max(500)
    .regex(/^[^\p{Cc}]*$/u, "one line, no control characters")
    .refine((m) => !m.startsWith("-"), "must not start with '-'"),
  push: z.boolean(),
});

async function who(action: string, job: unknown) {
  return requireAction("jobs:run", action, `job ${typeof job === "number" ? job : "?"}`);
}

function failure(err: unknown): string {
  if (!(err instanceof DomainError)) throw err;
  const stderr = "stderrTail" in err && typeof err.stderrTail === "string" ? err.stderrTail.trim().split("\n").at(-1) : "";
  return `${err.message}${stderr && !err.message.includes(stderr) ? ` (${stderr})` : ""}`;
}

export async function acceptFlakeUpdateAction(job: unknown, message: unknown, push: unknown): Promise<DecisionReply> {
  let w;
  try {
    w = await who("flake-update.accept", job);
  } catch (err) {
    return { ok: false, message: failure(err) };
  }
  const parsed = acceptInput.safeParse({ job, message, push });
  if (!parsed.success) {
    await audit(w.user, w.ctx.address, "flake-update.accept", "failed", `job ${String(job).slice(0, 20)}`, "invalid input");
    return { ok: false, message: `Not accepted: ${parsed.error.issues.map((i) => i.message).join("; ")}.` };
  }
  const { job: id, message: text, push: doPush } = parsed.data;
  try {
    const d = await acceptFlakeUpdate(id, w.user.name, { message: text, push: doPush, deploy: true, requestedById: w.user.id });
    const detail = `committed ${d.commit?.slice(0, 7) ?? "?"}${doPush ? " (push asked)" : ""}; deploy job ${d.deployJob ?? "not started"}${d.note ? `; ${d.note}` : ""}`;
    await audit(w.user, w.ctx.address, "flake-update.accept", "ok", `job ${id}`, detail.slice(0, 500));
    broadcastCheckoutChanged(d.machine);
    return { ok: true, commit: d.commit, deployJob: d.deployJob, note: d.note };
  } catch (err) {
    const m = failure(err);
    await audit(w.user, w.ctx.address, "flake-update.accept", "failed", `job ${id}`, m.slice(0, 500));
    return { ok: false, message: m };
  }
}

export async function cancelFlakeUpdateAction(job: unknown): Promise<DecisionReply> {
  let w;
  try {
    w = await who("flake-update.cancel", job);
  } catch (err) {
    return { ok: false, message: failure(err) };
  }
  const parsed = jobId.safeParse(job);
  if (!parsed.success) return { ok: false, message: "Not a job id." };
  try {
    const d = await cancelFlakeUpdate(parsed.data, w.user.name);
    broadcastCheckoutChanged(d.machine);
    await audit(w.user, w.ctx.address, "flake-update.cancel", "ok", `job ${parsed.data}`, "scratch copy removed");
    return { ok: true, commit: null, deployJob: null, note: "" };
  } catch (err) {
    const m = failure(err);
    await audit(w.user, w.ctx.address, "flake-update.cancel", "failed", `job ${parsed.data}`, m.slice(0, 500));
    return { ok: false, message: m };
  }
}

/** The schedule of input update checks (off, daily, weekly) for every machine: admins (inventory:write). */
export async function setFlakeScheduleAction(value: unknown): Promise<{ ok: boolean; message: string }> {
  let w;
  try {
    w = await requireAction("inventory:write", "flake-update.schedule", "all machines");
  } catch (err) {
    return { ok: false, message: failure(err) };
  }
  const parsed = scheduleSchema.safeParse(value);
  if (!parsed.success) {
    await audit(w.user, w.ctx.address, "flake-update.schedule", "failed", "all machines", "invalid input");
    return { ok: false, message: "The schedule is off, daily or weekly." };
  }
  await writeSchedule(db(), parsed.data);
  await audit(w.user, w.ctx.address, "flake-update.schedule", "ok", "all machines", parsed.data);
  return { ok: true, message: parsed.data === "off" ? "No scheduled checks." : `Checked ${parsed.data}.` };
}
