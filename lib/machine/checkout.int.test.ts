// The flake checkout on the lab's frame1, read and fetched the way the machine page does, against
// its real upstream (the bare ~/upstream.git on frame2, over the lab's SSH); and what a build and a
// validate record of it. The test leaves the checkout clean and in step with its upstream.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab } from "@/e2e/lab";
import { JobRunner } from "../jobs/runner";
import type { SshPool } from "../ssh/pool";
import { useTestDatabase } from "../test/db";
import { expectStatus, labMachines, logText } from "../test/lab-jobs";
import { fetchCheckout, pullCheckout, readCheckout, type CheckoutDeps, type CheckoutRead } from "./checkout";

const tdb = useTestDatabase();
let pool: SshPool;
let runner: JobRunner;
let deps: CheckoutDeps;
let pushed = "";
const git = (command: string) => lab.run("frame1", `set -e; cd ~/homelab; ${command}`, "admin").then((s) => s.trim());
const stateOf = (r: CheckoutRead) => {
  if (!r.ok) throw new Error(`checkout not read: ${r.error}`);
  return r.state;
};
/** frame1's checkout clean, and its upstream (and origin/main) at its HEAD. */
const inStep = () => git("git checkout -q -- variants && git push -q --force origin HEAD:main && git fetch -q");

beforeAll(async () => {
  ({ pool } = await labMachines(tdb.client()));
  deps = { db: tdb.client(), pool };
  runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
  await runner.start();
  await inStep();
});

afterAll(async () => {
  await inStep().catch(() => undefined);
  await runner?.shutdown(2000);
  pool?.closeAll();
});

describe("the flake checkout on frame1", () => {
  it("has an upstream over SSH: a commit pushed there shows as 1 behind after a fetch, listed as incoming", async () => {
    const before = stateOf(await readCheckout("frame1", 20_000, deps));
    expect(before).toMatchObject({ branch: "main", upstream: "origin/main", ahead: 0, behind: 0, dirty: false, incoming: [] });
    expect(before.head?.hash).toBe(await git("git rev-parse HEAD"));

    pushed = await lab.pushUpstream("upstream-note.txt", `${Date.now()}\n`, "grafana: bump (pushed upstream)");
    // Not fetched yet: the checkout does not know.
    expect(stateOf(await readCheckout("frame1", 20_000, deps)).behind).toBe(0);

    const after = stateOf(await fetchCheckout("frame1", 60_000, deps));
    expect(after).toMatchObject({ ahead: 0, behind: 1 });
    expect(after.incoming.map((c) => [c.hash, c.subject, c.author])).toEqual([
      [pushed, "grafana: bump (pushed upstream)", "Lab Colleague"],
    ]);
    // The work tree and the branch are untouched by a fetch.
    expect(await git("git rev-parse HEAD")).toBe(before.head?.hash);
  });

  it("pulls (fast-forward only) exactly the incoming commit that was shown; a commit that is not incoming is refused", async () => {
    await expect(pullCheckout("frame1", "0".repeat(40), deps)).rejects.toThrow(/not an incoming commit/);
    const after = stateOf(await pullCheckout("frame1", pushed, deps));
    expect(after).toMatchObject({ ahead: 0, behind: 0, incoming: [], dirty: false });
    expect(after.head).toMatchObject({ hash: pushed, subject: "grafana: bump (pushed upstream)" });
    expect(await git("git rev-parse HEAD")).toBe(pushed);
  });

  it("the next build records the commit it built from (the pulled one) and a clean tree", async () => {
    const head = await git("git rev-parse HEAD");
    expect(head).toBe(pushed);
    const job = await expectStatus(
      tdb.client(),
      (await runner.enqueue({ machine: "frame1", kind: "build", args: {}, requestedById: null })).id,
      "succeeded",
    );
    expect(job).toMatchObject({ commit: head, commitSubject: await git("git log -1 --format=%s"), dirty: false });
    const lock = await git("sha256sum < flake.lock | cut -c1-64");
    expect(job.lockHash).toBe(lock);
    expect(await logText(tdb.client(), job.id)).toContain(
      `flake checkout: main at ${head.slice(0, 7)} '${job.commitSubject}', clean, flake.lock sha256 ${lock.slice(0, 12)}`,
    );
  });

  it("a dirty tree: its files are shown, and a validate records it as dirty", async () => {
    await git("printf 'base\\nnonce=dirty-test\\n' > variants/frame3");
    const s = stateOf(await readCheckout("frame1", 20_000, deps));
    expect(s.dirty).toBe(true);
    expect(s.changes).toEqual([{ xy: ".M", kind: "modified", path: "variants/frame3", from: null }]);
    const job = await expectStatus(
      tdb.client(),
      (await runner.enqueue({ machine: "frame1", kind: "validate", args: {}, requestedById: null })).id,
      "succeeded",
    );
    expect(job).toMatchObject({ commit: s.head?.hash, dirty: true });
    expect((await logText(tdb.client(), job.id)).join("\n")).toContain("uncommitted changes in 1 file (variants/frame3)");
    await git("git checkout -q -- variants/frame3");
  });

  it("a checkout that is not there is said as such", async () => {
    await tdb.client().machine.update({
      where: { name: "frame1-new" },
      data: { flakeDir: "/home/admin/not-here", hostKeyFingerprint: (await lab.up()).hosts[0].hostKeyFingerprint },
    });
    const r = await readCheckout("frame1-new", 20_000, deps);
    expect(r).toMatchObject({ ok: false, error: "/home/admin/not-here does not exist on frame1-new" });
  });
});
