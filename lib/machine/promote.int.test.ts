// Promote against the lab (issue 16, "the test machine first"): frame2 is frame1's test machine and
// both deploy from frame1's checkout (frame2's build host is frame1), so a revision is one commit in
// one place. An untested revision is refused and deploys nothing; after frame2 passed it, promote
// deploys exactly that commit to frame1 although HEAD moved on; a tampered flake.lock checksum is
// refused before deploy-rs runs; an operator's override is refused, an admin's works and is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab, type LabInfo } from "@/e2e/lab";
import { setJobRunner } from "../jobs";
import { JobRunner } from "../jobs/runner";
import type { SshPool } from "../ssh/pool";
import { useTestDatabase } from "../test/db";
import { expectStatus, labMachines, logText } from "../test/lab-jobs";
import { promoteOf } from "../wire/promote";
import { promoteView } from "./promote";
import { PROMOTE, PROMOTE_OVERRIDE, requestPromote } from "./promote-request";

const tdb = useTestDatabase();
let info: LabInfo;
let pool: SshPool;
let runner: JobRunner;
const who = { admin: { id: 0, name: "ada", role: "admin" as const }, operator: { id: 0, name: "otto", role: "operator" as const } };
const as = (u: keyof typeof who) => ({ user: who[u], address: "127.0.0.1" });
const nonce = (tag: string) => [`nonce=${tag}${Date.now()}`];
const current = async (h: string) => (await lab.run(h, "readlink -f /run/current-system")).trim();
const scratches = () => lab.run("frame1", "ls -d /tmp/panel-flake-update.* 2>/dev/null || true", "admin").then((s) => s.trim());
const frame1Jobs = () => tdb.client().job.count({ where: { machine: { name: "frame1" } } });
const audits = (action: string) => tdb.client().auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });

beforeAll(async () => {
  ({ info, pool } = await labMachines(tdb.client()));
  const f2 = info.hosts.find((h) => h.name === "frame2")!;
  await tdb.client().machine.create({
    data: {
      name: "frame2",
      system: "x86_64-linux",
      role: "testing",
      sshHost: f2.address,
      sshUser: "admin",
      flakeAttr: "frame2",
      hostKeyFingerprint: f2.hostKeyFingerprint,
      buildHost: "frame1",
      testFor: "frame1",
    },
  });
  for (const u of Object.values(who))
    u.id = (await tdb.client().user.create({ data: { name: u.name, role: u.role, passwordHash: "x" } })).id;
  runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
  await runner.start();
  setJobRunner(runner);
  await lab.setVariant("frame1", "base", { extra: nonce("promote-base") });
  await lab.setVariant("frame2", "base");
}, 600_000);

afterAll(async () => {
  await runner?.shutdown(2000);
  pool?.closeAll();
});

describe("promote frame2 → frame1", () => {
  let untested = "";
  let frame2Deploy = 0;

  it("an untested revision is refused with the reason, and nothing is deployed to frame1", async () => {
    untested = await lab.setVariant("frame1", "changed", { extra: nonce("promote-changed") });
    const before = await current("frame1");
    const jobs = await frame1Jobs();
    expect(await requestPromote("frame1", { override: false, reason: "" }, as("operator"))).toEqual({
      ok: false,
      message: "Not promoted: nothing has been deployed to frame2 yet.",
      overridable: false,
    });
    const r = await requestPromote("frame1", { commit: untested, override: false, reason: "" }, as("operator"));
    expect(r).toEqual({ ok: false, message: `Not promoted: ${untested.slice(0, 7)} was never deployed to frame2.`, overridable: true });
    expect(await frame1Jobs()).toBe(jobs);
    expect(await current("frame1")).toBe(before);
    expect((await audits(PROMOTE)).map((a) => a.outcome)).toEqual(["denied"]);
  });

  it("frame2 deploys the revision from frame1's checkout: commit, clean tree and flake.lock recorded; checks pass", async () => {
    const { id } = await runner.enqueue({ machine: "frame2", kind: "deploy", args: {}, requestedById: null });
    const job = await expectStatus(tdb.client(), id, "succeeded");
    frame2Deploy = id;
    expect(job).toMatchObject({ commit: untested, dirty: false });
    const lock = (await lab.run("frame1", "sha256sum < ~/homelab/flake.lock | cut -c1-64", "admin")).trim();
    expect(job.lockHash).toBe(lock);
    expect((JSON.parse(job.result) as { checks: { ok: boolean } }).checks.ok).toBe(true);
    expect(await promoteView("frame1")).toMatchObject({ test: "frame2", candidate: { id, commit: untested }, reason: null });
  });

  it("after HEAD moved on, promote deploys exactly the tested commit to frame1 and removes its scratch copy", async () => {
    const moved = await lab.setVariant("frame1", "base", { extra: nonce("promote-moved") });
    expect(moved).not.toBe(untested);
    const r = await requestPromote("frame1", { override: false, reason: "" }, as("operator"));
    if (!r.ok) throw new Error(r.message);
    const job = await expectStatus(tdb.client(), r.jobId, "succeeded");
    expect(job).toMatchObject({ kind: "deploy", commit: untested, dirty: false, promotedFrom: frame2Deploy });
    expect(job.lockHash).toBe((await tdb.client().job.findUniqueOrThrow({ where: { id: frame2Deploy } })).lockHash);
    expect(promoteOf(JSON.parse(job.args))).toMatchObject({ from: frame2Deploy, fromMachine: "frame2", commit: untested, override: false });
    // The tested revision's variant for frame1 is "changed"; HEAD's is "base".
    expect(await current("frame1")).toMatch(/-nixos-system-frame1-24\.11\.\d+\.lab-changed$/);
    expect(job.newSystem).toBe(await current("frame1"));
    expect((await logText(tdb.client(), r.jobId)).join("\n")).toContain(`promoted from frame2's deploy #${frame2Deploy}`);
    expect(await scratches()).toBe("");
    expect((await promoteView("frame1"))?.last).toMatchObject({ id: r.jobId, status: "succeeded" });
  });

  it("a flake.lock that is not the recorded one is refused before deploy-rs runs", async () => {
    const recorded = (await tdb.client().job.findUniqueOrThrow({ where: { id: frame2Deploy } })).lockHash;
    await tdb.client().job.update({ where: { id: frame2Deploy }, data: { lockHash: "0".repeat(64) } });
    try {
      const before = await current("frame1");
      const r = await requestPromote("frame1", { from: frame2Deploy, override: false, reason: "" }, as("operator"));
      if (!r.ok) throw new Error(r.message);
      const job = await expectStatus(tdb.client(), r.jobId, "failed");
      expect(job.message).toMatch(/^nothing deployed: flake\.lock at this commit has sha256 [0-9a-f]{12}…, not the tested 000000000000…$/);
      expect((await logText(tdb.client(), r.jobId)).some((l) => l.startsWith("$ Deploy frame1"))).toBe(false);
      expect(await current("frame1")).toBe(before);
      expect(await scratches()).toBe("");
    } finally {
      await tdb.client().job.update({ where: { id: frame2Deploy }, data: { lockHash: recorded } });
    }
  });

  it("an operator's override is refused; an admin's override of an untested revision deploys it and is audited", async () => {
    const head = await lab.setVariant("frame1", "base", { extra: nonce("promote-override") });
    const jobs = await frame1Jobs();
    const asked = { commit: head, override: true, reason: "hotfix for the outage" };
    expect(await requestPromote("frame1", asked, as("operator"))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/only an admin/),
    });
    expect(await frame1Jobs()).toBe(jobs);
    expect(await requestPromote("frame1", { ...asked, reason: " " }, as("admin"))).toMatchObject({
      ok: false,
      message: "Not promoted: an override needs a reason.",
    });
    const r = await requestPromote("frame1", asked, as("admin"));
    if (!r.ok) throw new Error(r.message);
    const job = await expectStatus(tdb.client(), r.jobId, "succeeded");
    expect(job).toMatchObject({ commit: head, promotedFrom: null });
    expect(await current("frame1")).toMatch(/\.lab-base$/);
    const overrides = await audits(PROMOTE_OVERRIDE);
    expect(overrides.map((a) => [a.actor, a.outcome])).toEqual([
      ["otto", "denied"],
      ["ada", "ok"],
    ]);
    expect(overrides[1].detail).toBe(`commit ${head}; reason: hotfix for the outage`);
  });
});
