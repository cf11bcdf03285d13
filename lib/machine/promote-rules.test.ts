import { describe, expect, it } from "vitest";
import { candidateOf, decidePromote, noCandidateReason, type TestDeploy } from "./promote-rules";

const c1 = "1".repeat(40);
const c2 = "2".repeat(40);
const c3 = "3".repeat(40);
const lock = "f".repeat(64);
const job = (id: number, over: Partial<TestDeploy> = {}): TestDeploy => ({
  id,
  status: "succeeded",
  commit: c1,
  commitSubject: "grafana: bump",
  dirty: false,
  lockHash: lock,
  checksOk: true,
  ...over,
});

describe("candidateOf", () => {
  it("is the newest deploy that succeeded with checks passed, a clean tree, a commit and a lock", () => {
    const deploys = [
      job(9, { status: "failed", commit: c3 }),
      job(8, { checksOk: false, commit: c3 }),
      job(7, { dirty: true, commit: c3 }),
      job(6, { commit: null }),
      job(5, { lockHash: null }),
      job(4, { status: "rolled-back" }),
      job(3, { checksOk: null }),
      job(2, { commit: c2 }),
      job(1),
    ];
    expect(candidateOf(deploys)?.id).toBe(2);
    expect(candidateOf(deploys.slice(0, 7))).toBeNull();
  });
});

describe("noCandidateReason", () => {
  it("says what the newest deploy of the test machine was", () => {
    expect(noCandidateReason([], "frame2")).toBe("nothing has been deployed to frame2 yet");
    expect(noCandidateReason([job(4, { status: "failed" })], "frame2")).toBe("frame2's deploy #4 of 1111111 failed");
    expect(noCandidateReason([job(4, { status: "rolled-back" })], "frame2")).toMatch(/was rolled back/);
    expect(noCandidateReason([job(4, { checksOk: false })], "frame2")).toMatch(/post-deploy checks failed/);
    expect(noCandidateReason([job(4, { dirty: true })], "frame2")).toMatch(/uncommitted changes: not a revision that can be reproduced/);
  });
});

describe("decidePromote", () => {
  it("promotes the candidate with its exact commit and lock", () => {
    const d = decidePromote({}, "frame2", [job(3, { status: "failed", commit: c2 }), job(2)]);
    expect(d).toEqual({
      ok: true,
      args: { from: 2, fromMachine: "frame2", commit: c1, commitSubject: "grafana: bump", lockHash: lock, override: false },
    });
  });
  it("refuses an untested commit with the reason; an override allows it without a test job", () => {
    const deploys = [job(2)];
    expect(decidePromote({ commit: c2 }, "frame2", deploys)).toEqual({
      ok: false,
      reason: "2222222 was never deployed to frame2",
      overridable: true,
    });
    expect(decidePromote({ commit: c2, override: { reason: "hotfix" } }, "frame2", deploys)).toMatchObject({
      ok: true,
      args: { from: null, commit: c2, lockHash: null, override: true },
    });
  });
  it("a commit that passed is allowed from its newest passed test deploy", () => {
    const d = decidePromote({ commit: c1 }, "frame2", [job(5, { status: "failed" }), job(4), job(2)]);
    expect(d).toMatchObject({ ok: true, args: { from: 4, override: false } });
  });
  it("a failed or checks-failed test deploy needs an override, which keeps its recorded lock", () => {
    const deploys = [job(5, { status: "failed", commit: c2, lockHash: "e".repeat(64) })];
    expect(decidePromote({ from: 5 }, "frame2", deploys)).toEqual({
      ok: false,
      reason: "frame2's deploy #5 of 2222222 failed",
      overridable: true,
    });
    expect(decidePromote({ commit: c2 }, "frame2", deploys)).toMatchObject({ ok: false, overridable: true });
    expect(decidePromote({ from: 5, override: { reason: "known flaky check" } }, "frame2", deploys)).toMatchObject({
      ok: true,
      args: { from: 5, commit: c2, lockHash: "e".repeat(64), override: true },
    });
  });
  it("a dirty test deploy is refused even with an override", () => {
    const deploys = [job(6, { dirty: true })];
    const d = decidePromote({ from: 6, override: { reason: "please" } }, "frame2", deploys);
    expect(d).toMatchObject({ ok: false, overridable: false, reason: expect.stringMatching(/cannot be reproduced|can be reproduced/) });
    expect(decidePromote({ from: 6 }, "frame2", deploys)).toMatchObject({ ok: false, overridable: false });
  });
  it("a job that is not a deploy of the test machine is refused", () => {
    expect(decidePromote({ from: 99, override: { reason: "x" } }, "frame2", [job(2)])).toMatchObject({ ok: false, overridable: false });
  });
  it("with no candidate the card's promote is refused and not overridable (an admin names a commit)", () => {
    expect(decidePromote({}, "frame2", [job(3, { checksOk: false })])).toMatchObject({ ok: false, overridable: false });
  });
});
