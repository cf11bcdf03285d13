import "server-only";
// A promote as a user asks for it (the machine page's action): the input parsed with zod, the
// override allowed to admins only (promote:override, with a reason), the decision and the job
// (lib/machine/promote.ts), and every attempt in the audit log: machine.promote ok / denied (the
// revision did not pass, or the override was not allowed) / failed, plus machine.promote.override
// (commit, reason) when an admin overrode. The caller has checked jobs:run.
import { z } from "zod";
import { audit } from "../auth/audit";
import { can, type Principal } from "../auth/permissions";
import { MACHINE_NAME } from "../commands/patterns";
import { DomainError } from "../errors";
import { COMMIT_HASH, promotedFromText, type PromoteReply } from "../wire/promote";
import { PromoteRefused, startPromote } from "./promote";

const input = z
  .strictObject({
    from: z.number().int().min(1).max(2_147_483_647).optional(),
    commit: z.string().trim().toLowerCase().regex(COMMIT_HASH, "a commit is its full 40-character hash").optional(),
    override: z.boolean(),
    reason: z
      .string()
      .trim()
      .max(500, "the reason must be at most 500 characters")
      .regex(/^[^\p{Cc}]*$/u, "the reason must be one line of text"),
  })
  .refine((v) => v.from === undefined || v.commit === undefined, "name a test deploy or a commit, not both")
  .refine((v) => !v.override || v.reason.length > 0, "an override needs a reason");

export const PROMOTE = "machine.promote";
export const PROMOTE_OVERRIDE = "machine.promote.override";

type Who = { user: NonNullable<Principal>; address: string };

export async function requestPromote(machine: unknown, request: unknown, who: Who): Promise<PromoteReply> {
  const target = typeof machine === "string" ? machine.slice(0, 64) : "?";
  const note = (action: string, outcome: "ok" | "denied" | "failed", detail: string) =>
    audit(who.user, who.address, action, outcome, target, detail.slice(0, 500));
  const name = z.string().regex(MACHINE_NAME).safeParse(machine);
  const parsed = input.safeParse(request);
  if (!name.success || !parsed.success) {
    const why = parsed.success ? "not a machine name" : parsed.error.issues.map((i) => i.message).join("; ");
    await note(PROMOTE, "failed", `invalid input: ${why}`);
    return { ok: false, message: `Not promoted: ${why}.`, overridable: false };
  }
  const { from, commit, override, reason } = parsed.data;
  const asked = commit ? `commit ${commit}` : from ? `deploy #${from}` : "the candidate";
  if (override && !can(who.user, "promote:override")) {
    await note(PROMOTE_OVERRIDE, "denied", `${asked}; needs promote:override; reason: ${reason}`);
    return {
      ok: false,
      message: "Not promoted: only an admin may override a revision that did not pass on the test machine.",
      overridable: false,
    };
  }
  try {
    const started = await startPromote(name.data, { from, commit, override: override ? { reason } : null }, who.user.id);
    const p = started.args;
    await note(PROMOTE, "ok", `${p.commit.slice(0, 7)} ${promotedFromText(p)}; job #${started.id}`);
    if (p.override) await note(PROMOTE_OVERRIDE, "ok", `commit ${p.commit}; reason: ${reason}`);
    return {
      ok: true,
      jobId: started.id,
      text: `Promoting ${p.commit.slice(0, 7)} to ${name.data} (job #${started.id}): ${promotedFromText(p)}.`,
    };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const refused = err instanceof PromoteRefused;
    await note(PROMOTE, refused ? "denied" : "failed", `${asked}: ${err.message}`);
    return { ok: false, message: err.message, overridable: refused && err.overridable };
  }
}
