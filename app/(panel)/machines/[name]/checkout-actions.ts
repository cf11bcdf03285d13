"use server";
// "Fetch" and "Pull" on the machine page: git fetch in the flake checkout on the build host (remote-tracking
// refs only; the work tree and the branch are untouched), then the checkout's state. Operators and
// admins (jobs:run); audited with what came back (ahead/behind). "Pull" fast-forwards the branch to
// the incoming commit the user confirmed (never a merge), refused while a deploy or rollback of the
// machine runs or waits.
import { z } from "zod";
import { audit } from "@/lib/auth/audit";
import { requireAction } from "@/lib/auth/current";
import { DomainError } from "@/lib/errors";
import { jobRunner } from "@/lib/jobs";
import { broadcastCheckoutChanged } from "@/lib/live/io";
import { fetchCheckout, pullCheckout } from "@/lib/machine/checkout";
import { MACHINE_NAME } from "@/lib/commands/patterns";
import type { FetchReply, PullReply } from "@/components/checkout/types";

const input = z.strictObject({ machine: z.string().regex(MACHINE_NAME) });

export async function fetchCheckoutAction(machine: unknown): Promise<FetchReply> {
  const target = typeof machine === "string" ? machine.slice(0, 64) : "?";
  let who;
  try {
    who = await requireAction("jobs:run", "checkout.fetch", target);
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, message: err.message };
    throw err;
  }
  const parsed = input.safeParse({ machine });
  if (!parsed.success) {
    await audit(who.user, who.ctx.address, "checkout.fetch", "failed", target, "invalid input");
    return { ok: false, message: "Not a machine name." };
  }
  try {
    const read = await fetchCheckout(parsed.data.machine);
    const s = read.ok ? read.state : null;
    const detail = s
      ? `${s.branch ?? "detached"}: ${s.ahead ?? "?"} ahead, ${s.behind ?? "?"} behind ${s.upstream ?? "(no upstream)"}`
      : read.ok
        ? ""
        : read.error;
    await audit(who.user, who.ctx.address, "checkout.fetch", read.ok ? "ok" : "failed", target, detail);
    if (read.ok) broadcastCheckoutChanged(parsed.data.machine);
    return read.ok ? { ok: true, behind: read.state.behind, ahead: read.state.ahead } : { ok: false, message: read.error };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const stderr = "stderrTail" in err && typeof err.stderrTail === "string" ? err.stderrTail.trim().split("\n").at(-1) : "";
    const message = `Fetch failed: ${err.message}${stderr ? ` (${stderr})` : ""}`;
    await audit(who.user, who.ctx.address, "checkout.fetch", "failed", target, message.slice(0, 500));
    return { ok: false, message };
  }
}

const pullInput = z.strictObject({ machine: z.string().regex(MACHINE_NAME), commit: z.string().regex(/^[0-9a-f]{40}$/) });

export async function pullCheckoutAction(machine: unknown, commit: unknown): Promise<PullReply> {
  const target = typeof machine === "string" ? machine.slice(0, 64) : "?";
  let who;
  try {
    who = await requireAction("jobs:run", "checkout.pull", target);
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, message: err.message };
    throw err;
  }
  const parsed = pullInput.safeParse({ machine, commit });
  if (!parsed.success) {
    await audit(who.user, who.ctx.address, "checkout.pull", "failed", target, "invalid input");
    return { ok: false, message: "Not a machine name and a full commit hash." };
  }
  const { machine: name, commit: hash } = parsed.data;
  const busy = jobRunner().busy(name);
  if (busy.running || busy.waiting.length) {
    const why = busy.running ? `${busy.running.kind} #${busy.running.id} is running` : `${busy.waiting.length} change(s) wait`;
    await audit(who.user, who.ctx.address, "checkout.pull", "failed", target, `refused: ${why}`);
    return { ok: false, message: `Not pulling while ${why} on ${name}.` };
  }
  try {
    const read = await pullCheckout(name, hash);
    const head = read.ok ? read.state.head?.short : null;
    await audit(
      who.user,
      who.ctx.address,
      "checkout.pull",
      "ok",
      target,
      `fast-forward to ${hash.slice(0, 7)}${head ? `; HEAD ${head}` : ""}`,
    );
    broadcastCheckoutChanged(name);
    return { ok: true, head: read.ok ? (read.state.head?.hash ?? null) : null };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const stderr = "stderrTail" in err && typeof err.stderrTail === "string" ? err.stderrTail.trim().split("\n").at(-1) : "";
    const message = `Pull failed: ${err.message}${stderr ? ` (${stderr})` : ""}`;
    await audit(who.user, who.ctx.address, "checkout.pull", "failed", target, message.slice(0, 500));
    return { ok: false, message };
  }
}
