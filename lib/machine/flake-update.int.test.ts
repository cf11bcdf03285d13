// "Update inputs" on the lab's frame1, end to end: the flake's input (/home/admin/homelab-input)
// gets a commit; the update job shows the lock entry change and the package difference (lab-motd
// from what runs to the new version) without touching the checkout; cancel removes the scratch copy and leaves the
// checkout byte-identical; accept commits the new flake.lock and deploys it (the deploy records the
// new commit, frame1 runs the new motd).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab } from "@/e2e/lab";
import { JobRunner } from "../jobs/runner";
import type { SshPool } from "../ssh/pool";
import { useTestDatabase } from "../test/db";
import { expectStatus, labMachines, logText } from "../test/lab-jobs";
import { readFlakeUpdateResult, type FlakeUpdateResult } from "../wire/flake-update";
import { supersedeOlderPreviews } from "./flake-update-sweep";
import { acceptFlakeUpdate, cancelFlakeUpdate, type FlakeUpdateDeps } from "./flake-update";

const tdb = useTestDatabase();
let pool: SshPool;
let runner: JobRunner;
let deps: FlakeUpdateDeps;
let newInputRev = "";
// Versions of the input's package unique to this run (the lab may have run this test before).
const stamp = Date.now() % 1_000_000;
const v1 = `2.${stamp}`;
const v2 = `3.${stamp}`;
/** The lab-motd version in the system frame1 runs now. */
const runningMotd = async () =>
  /-lab-motd-([^/]+)\//.exec(await lab.run("frame1", "readlink /run/current-system/etc/motd", "admin"))?.[1] ?? "?";
const git = (command: string) => lab.run("frame1", `set -e; cd ~/homelab; ${command}`, "admin").then((s) => s.trim());
/** What must not change before accept: HEAD, flake.lock's bytes, a clean status. */
const checkoutPrint = () => git("git rev-parse HEAD; sha256sum flake.lock; git status --porcelain; echo end");
const scratches = () => lab.run("frame1", "ls -d /tmp/panel-flake-update.* 2>/dev/null || true", "admin").then((s) => s.trim());

async function update(inputs?: string[]): Promise<{ id: number; message: string; result: FlakeUpdateResult }> {
  const { id } = await runner.enqueue({ machine: "frame1", kind: "flake-update", args: inputs ? { inputs } : {}, requestedById: null });
  const job = await expectStatus(tdb.client(), id, "succeeded");
  const result = readFlakeUpdateResult(job.result);
  if (!result) throw new Error(`job ${id} has no flake-update result: ${job.result.slice(0, 200)}`);
  return { id, message: job.message, result };
}

beforeAll(async () => {
  ({ pool } = await labMachines(tdb.client()));
  runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
  await runner.start();
  deps = {
    db: tdb.client(),
    pool,
    busy: (machine) => (runner.busy(machine).running ? "a change is running" : null),
    enqueueDeploy: async (machine, requestedById) => (await runner.enqueue({ machine, kind: "deploy", args: {}, requestedById })).id,
  };
  // Earlier lab tests may leave frame1's variant at one that builds slowly or fails.
  await lab.setVariant("frame1", "base");
  await git("git checkout -q -- . && git push -q --force origin HEAD:main && git fetch -q");
  // The lock in step with the input (an earlier run may have left input commits not locked).
  await git("nix flake update 2>/dev/null; git add flake.lock; git diff --cached --quiet || git commit -qm 'lab: lock the input'");
}, 300_000);

afterAll(async () => {
  // The checkout in step with its upstream again (later tests count ahead/behind from there).
  await git("git push -q --force origin HEAD:main && git fetch -q").catch(() => undefined);
  await runner?.shutdown(2000);
  pool?.closeAll();
});

describe("Update inputs on frame1", () => {
  it("with nothing new upstream of the input: all inputs up to date, no scratch copy left", async () => {
    const before = await checkoutPrint();
    const { message, result } = await update();
    expect(message).toBe("all inputs up to date");
    expect(result).toMatchObject({ updated: 0, scratch: null, outPath: null });
    expect(result.changes.map((c) => [c.input, c.kind])).toEqual([["lab-input", "unchanged"]]);
    expect(await scratches()).toBe("");
    expect(await checkoutPrint()).toBe(before);
  });

  it("a commit to the input: the lock entry and the package change are previewed; cancel leaves the checkout byte-identical", async () => {
    await lab.commitInput("motd", `Welcome to the homelab lab (motd ${v1})\n`, `motd ${v1}`, "frame1");
    newInputRev = await lab.commitInput("version", `${v1}\n`, `version ${v1}`, "frame1");
    const running = await runningMotd();
    const oldInputRev = JSON.parse(await git("cat flake.lock")).nodes["lab-input"].locked.rev as string;
    const before = await checkoutPrint();

    const { id, message, result } = await update(["lab-input"]);
    expect(message).toMatch(/^1 input updated; built \/nix\/store\/\S+ \(\d+ package changes?\)$/);
    const entry = result.changes.find((c) => c.input === "lab-input");
    expect(entry).toMatchObject({
      kind: "updated",
      oldType: "git",
      newType: "git",
      oldRev: oldInputRev.slice(0, 7),
      newRev: newInputRev.slice(0, 7),
      narHashChanged: true,
      compareUrl: null,
    });
    expect(result.closure?.changes).toContainEqual(
      expect.objectContaining({ name: "lab-motd", kind: "changed", from: [running], to: [v1] }),
    );
    expect(result.scratch).toMatch(/^\/tmp\/panel-flake-update\.[A-Za-z0-9]{8}$/);
    expect(await scratches()).toBe(result.scratch);
    expect((await logText(tdb.client(), id)).join("\n")).toContain(`flake.lock: lab-input: ${oldInputRev.slice(0, 7)}`);
    expect(await checkoutPrint()).toBe(before);

    const decision = await cancelFlakeUpdate(id, "tester", deps);
    expect(decision).toMatchObject({ kind: "cancelled", by: "tester", commit: null, deployJob: null });
    expect(await scratches()).toBe("");
    expect(await checkoutPrint()).toBe(before);
    await expect(cancelFlakeUpdate(id, "tester", deps)).rejects.toThrow(/already cancelled by tester/);
    await expect(acceptFlakeUpdate(id, "tester", { message: "x", push: false, deploy: false, requestedById: null }, deps)).rejects.toThrow(
      /already cancelled/,
    );
  });

  it("accept commits only flake.lock with the message, pushes it upstream and deploys it: the deploy records that commit and frame1 runs the new motd", async () => {
    const head = await git("git rev-parse HEAD");
    const { id, result } = await update();
    expect(result.changes.find((c) => c.input === "lab-input")?.newRev).toBe(newInputRev.slice(0, 7));
    const decision = await acceptFlakeUpdate(
      id,
      "tester",
      { message: "flake.lock: update lab-input", push: true, deploy: true, requestedById: null },
      deps,
    );
    expect(decision).toMatchObject({ kind: "accepted", by: "tester", note: "" });
    const commit = await git("git rev-parse HEAD");
    expect(decision.commit).toBe(commit);
    expect(await git("git rev-parse HEAD~1")).toBe(head);
    expect(await git("git log -1 --format=%s")).toBe("flake.lock: update lab-input");
    expect(await git("git show --name-only --format= HEAD")).toBe("flake.lock");
    expect(await git("git status --porcelain")).toBe("");
    // pushed: the upstream (frame2's bare repository, over the lab's SSH) has the commit on main
    expect(await git("git ls-remote origin refs/heads/main | cut -f1")).toBe(commit);
    expect(await lab.run("frame2", "git -C ~/upstream.git rev-parse main", "admin").then((x) => x.trim())).toBe(commit);
    expect(JSON.parse(await git("cat flake.lock")).nodes["lab-input"].locked.rev).toBe(newInputRev);
    expect(await scratches()).toBe("");

    const deployJob = await expectStatus(tdb.client(), decision.deployJob!, "succeeded");
    expect(deployJob).toMatchObject({ commit, commitSubject: "flake.lock: update lab-input", dirty: false });
    expect((await lab.run("frame1", "cat /run/current-system/etc/motd", "admin")).trim()).toBe(`Welcome to the homelab lab (motd ${v1})`);
    await expect(acceptFlakeUpdate(id, "tester", { message: "x", push: false, deploy: false, requestedById: null }, deps)).rejects.toThrow(
      /already accepted/,
    );
  });

  it("a scheduled check (check: true) records the lock difference only: nothing built, no scratch copy kept", async () => {
    const rev = await lab.commitInput("version", `4.${stamp}\n`, `version 4.${stamp}`, "frame1");
    const before = await checkoutPrint();
    const { id } = await runner.enqueue({ machine: "frame1", kind: "flake-update", args: { check: true }, requestedById: null });
    const job = await expectStatus(tdb.client(), id, "succeeded");
    expect(job.message).toBe("1 input updated (a check: nothing built)");
    expect(readFlakeUpdateResult(job.result)).toMatchObject({ checkOnly: true, updated: 1, scratch: null, outPath: null, closure: null });
    expect(readFlakeUpdateResult(job.result)?.changes.find((c) => c.input === "lab-input")?.newRev).toBe(rev.slice(0, 7));
    expect((await logText(tdb.client(), id)).join("\n")).not.toContain("Build frame1");
    expect(await scratches()).toBe("");
    expect(await checkoutPrint()).toBe(before);
    await expect(cancelFlakeUpdate(id, "tester", deps)).rejects.toThrow(/nothing to apply/);
  });

  it("a preview whose checkout moved on is refused and changes nothing", async () => {
    await lab.commitInput("version", `${v2}\n`, `version ${v2}`, "frame1");
    const { id } = await update();
    await lab.setVariant("frame1", "base", { extra: ["nonce=moved"] });
    const before = await checkoutPrint();
    await expect(
      acceptFlakeUpdate(id, "tester", { message: "flake.lock: update", push: false, deploy: false, requestedById: null }, deps),
    ).rejects.toThrow(/HEAD of the checkout moved since the preview/);
    expect(await checkoutPrint()).toBe(before);
    await cancelFlakeUpdate(id, "tester", deps);
    await lab.setVariant("frame1", "base");
  });

  it("a newer preview supersedes an older one nobody decided on: its scratch copy goes, the newer one stays", async () => {
    await lab.commitInput("version", `${v2}.1\n`, `version ${v2}.1`, "frame1");
    const first = await update();
    await lab.commitInput("version", `${v2}.2\n`, `version ${v2}.2`, "frame1");
    const second = await update();
    expect(first.result.scratch).toBeTruthy();
    expect(second.result.scratch).toBeTruthy();
    expect(await supersedeOlderPreviews("frame1", second.id, deps)).toEqual([first.id]);
    expect(await scratches()).toBe(second.result.scratch);
    const older = readFlakeUpdateResult((await tdb.client().job.findUniqueOrThrow({ where: { id: first.id } })).result);
    expect(older?.decision).toMatchObject({ kind: "cancelled", by: `panel (superseded by #${second.id})` });
    // a second sweep finds nothing left to do; the newest preview is still open
    expect(await supersedeOlderPreviews("frame1", second.id, deps)).toEqual([]);
    await cancelFlakeUpdate(second.id, "tester", deps);
    expect(await scratches()).toBe("");
  });
});
