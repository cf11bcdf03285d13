import "server-only";
// Promote on the production machine page: what its test machine last proved (the candidate, or why
// there is none), and starting the promote (a deploy job carrying the revision: lib/jobs/promote-job.ts).
import { db } from "../db/client";
import { ConflictError, ValidationError } from "../errors";
import { jobRunner } from "../jobs";
import { CHANGE_OUTCOMES } from "../wire/job-kinds";
import { promoteOf, type PromoteArgs } from "../wire/promote";
import { candidateOf, decidePromote, noCandidateReason, type PromoteRequest, type TestDeploy } from "./promote-rules";

const RECENT = 200;

function checksOk(result: string): boolean | null {
  try {
    const ok = (JSON.parse(result) as { checks?: { ok?: unknown } | null }).checks?.ok;
    return typeof ok === "boolean" ? ok : null;
  } catch {
    return null;
  }
}

/** The test machine's finished deploys, newest first. */
async function testDeploys(test: string): Promise<TestDeploy[]> {
  const rows = await db().job.findMany({
    where: { machine: { name: test }, kind: "deploy", status: { in: [...CHANGE_OUTCOMES] } },
    orderBy: { id: "desc" },
    take: RECENT,
    select: { id: true, status: true, commit: true, commitSubject: true, dirty: true, lockHash: true, result: true },
  });
  return rows.map(({ result, ...r }) => ({ ...r, checksOk: checksOk(result) }));
}

/** The machine whose test stand-in `test` is, and the stand-in of `production` (each null when none). */
export async function standIns(name: string): Promise<{ testFor: string | null; testedOn: string | null }> {
  const [me, stand] = await Promise.all([
    db().machine.findUnique({ where: { name }, select: { testFor: true } }),
    db().machine.findFirst({ where: { testFor: name }, select: { name: true } }),
  ]);
  return { testFor: me?.testFor ?? null, testedOn: stand?.name ?? null };
}

export type PromoteLast = { id: number; status: string; promote: PromoteArgs };
export type PromoteView = {
  production: string;
  test: string;
  candidate: TestDeploy | null;
  /** Why there is no candidate (null when there is one). */
  reason: string | null;
  /** The newest promote to production. */
  last: PromoteLast | null;
};

/** The promote card's data; null when `production` has no test machine. */
export async function promoteView(production: string): Promise<PromoteView | null> {
  const { testedOn: test } = await standIns(production);
  if (!test) return null;
  const [deploys, lastRow] = await Promise.all([
    testDeploys(test),
    db().job.findFirst({
      where: { machine: { name: production }, kind: "deploy", OR: [{ promotedFrom: { not: null } }, { args: { contains: '"promote"' } }] },
      orderBy: { id: "desc" },
      select: { id: true, status: true, args: true },
    }),
  ]);
  const candidate = candidateOf(deploys);
  const promote = lastRow ? promoteOf(JSON.parse(lastRow.args)) : null;
  return {
    production,
    test,
    candidate,
    reason: candidate ? null : noCandidateReason(deploys, test),
    last: lastRow && promote ? { id: lastRow.id, status: lastRow.status, promote } : null,
  };
}

/** A refusal: the reason, and whether an admin's override would allow it. */
export class PromoteRefused extends ValidationError {
  static readonly brand: string = "PromoteRefused";
  constructor(
    message: string,
    readonly overridable: boolean,
  ) {
    super(message);
  }
}

/**
 * Decides and starts a promote of `production`. The caller has authorised the user (jobs:run; an
 * override only for admins). Refused: PromoteRefused; a change already running: ConflictError.
 */
export async function startPromote(production: string, req: PromoteRequest, requestedById: number) {
  const { testedOn: test } = await standIns(production);
  if (!test) throw new PromoteRefused(`${production} has no test machine: mark one as its test machine in the inventory.`, false);
  const decision = decidePromote(req, test, await testDeploys(test));
  if (!decision.ok) throw new PromoteRefused(`Not promoted: ${decision.reason}.`, decision.overridable);
  try {
    const job = await jobRunner().enqueue({
      machine: production,
      kind: "deploy",
      args: {},
      promote: decision.args,
      requestedById,
      exclusive: true,
    });
    return { id: job.id, args: decision.args };
  } catch (err) {
    if (err instanceof ConflictError) throw new ConflictError(`Not promoted: ${err.message}`);
    throw err;
  }
}
