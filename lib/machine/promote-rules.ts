// Which revision may be promoted from a test machine to its production machine, and why not. Pure:
// lib/machine/promote.ts reads the jobs and starts the promote. A revision passed when a deploy of it
// to the test machine succeeded, its post-deploy checks passed, and the tree was clean (a dirty tree
// is not the commit: it cannot be reproduced).
import { SHORT_HASH } from "../git/checkout-state";
import type { PromoteArgs } from "../wire/promote";

/** A deploy job of the test machine, newest first in the lists below. */
export type TestDeploy = {
  id: number;
  status: string;
  commit: string | null;
  commitSubject: string | null;
  dirty: boolean | null;
  lockHash: string | null;
  /** result.checks.ok; null when no checks ran. */
  checksOk: boolean | null;
};

/** What is asked: the revision of a test deploy (`from`), or a commit (`commit`); admins may override. */
export type PromoteRequest = { from?: number; commit?: string; override?: { reason: string } | null };

export type PromoteDecision =
  { ok: true; args: PromoteArgs } | { ok: false; reason: string; /** An admin's override would allow it. */ overridable: boolean };

const short = (c: string) => c.slice(0, SHORT_HASH);

export function passed(j: TestDeploy): boolean {
  return j.status === "succeeded" && j.checksOk === true && j.dirty === false && j.commit !== null && j.lockHash !== null;
}

/** The newest deploy of the test machine that passed (the card's candidate), or null. */
export function candidateOf(deploys: readonly TestDeploy[]): TestDeploy | null {
  return deploys.find(passed) ?? null;
}

/** Why a test deploy is not a passed revision, in words; null when it passed. */
export function notPassedReason(j: TestDeploy, test: string): string | null {
  const what = `${test}'s deploy #${j.id}${j.commit ? ` of ${short(j.commit)}` : ""}`;
  if (j.commit === null) return `${what} has no recorded commit`;
  if (j.dirty !== false) return `${what} was built from uncommitted changes: not a revision that can be reproduced`;
  if (j.status === "rolled-back") return `${what} was rolled back`;
  if (j.status !== "succeeded") return `${what} ${j.status === "failed" ? "failed" : `ended ${j.status}`}`;
  if (j.checksOk === null) return `${what} ran no post-deploy checks`;
  if (!j.checksOk) return `${what} succeeded but its post-deploy checks failed`;
  if (j.lockHash === null) return `${what} has no recorded flake.lock checksum`;
  return null;
}

/** Why there is no candidate: what the newest deploy of the test machine was. */
export function noCandidateReason(deploys: readonly TestDeploy[], test: string): string {
  const newest = deploys[0];
  if (!newest) return `nothing has been deployed to ${test} yet`;
  return notPassedReason(newest, test) ?? `no deploy of ${test} passed`;
}

const argsOf = (j: TestDeploy, test: string, override: boolean): PromoteArgs => ({
  from: j.id,
  fromMachine: test,
  commit: j.commit!,
  commitSubject: j.commitSubject,
  lockHash: j.lockHash,
  override,
});

/**
 * The decision for a request. `deploys`: the test machine's deploy jobs, newest first. A dirty
 * revision is refused even with an override; anything else that did not pass needs one.
 */
export function decidePromote(req: PromoteRequest, test: string, deploys: readonly TestDeploy[]): PromoteDecision {
  const override = req.override ?? null;
  if (req.from !== undefined) {
    const j = deploys.find((d) => d.id === req.from);
    if (!j) return { ok: false, reason: `job #${req.from} is not a deploy of ${test}`, overridable: false };
    const why = notPassedReason(j, test);
    if (why === null) return { ok: true, args: argsOf(j, test, false) };
    if (j.commit === null || j.dirty !== false) return { ok: false, reason: why, overridable: false };
    return override ? { ok: true, args: argsOf(j, test, true) } : { ok: false, reason: why, overridable: true };
  }
  if (req.commit !== undefined) {
    const mine = deploys.filter((d) => d.commit === req.commit);
    const good = mine.find(passed);
    if (good) return { ok: true, args: argsOf(good, test, false) };
    const clean = mine.find((d) => d.dirty === false);
    const why = mine[0] ? notPassedReason(clean ?? mine[0], test)! : `${short(req.commit)} was never deployed to ${test}`;
    if (!override) return { ok: false, reason: why, overridable: true };
    if (clean) return { ok: true, args: argsOf(clean, test, true) };
    const args: PromoteArgs = { from: null, fromMachine: test, commit: req.commit, commitSubject: null, lockHash: null, override: true };
    return { ok: true, args };
  }
  const c = candidateOf(deploys);
  return c ? { ok: true, args: argsOf(c, test, false) } : { ok: false, reason: noCandidateReason(deploys, test), overridable: false };
}
