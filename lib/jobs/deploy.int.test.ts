// Deploys, rollbacks and the per-machine queue against the lab (deploy-rs stand-in, real systemd):
// every outcome deploy-rs can leave, read the way the panel reads a real machine, where the system
// profile points at deploy-rs's `activatable-*` wrapper and /run/current-system at the toplevel inside.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab, type LabInfo } from "@/e2e/lab";
import { commandLine, systemFacts } from "../commands";
import { driftOf } from "../machine/drift";
import { parseSystemFacts } from "../nix/system-facts";
import { useTestDatabase } from "../test/db";
import type { SshPool } from "../ssh/pool";
import { run } from "../ssh/run";
import { DeployLogReader } from "./deploy-log";
import { deployOutcome } from "./deploy-outcome";
import { expectStatus, labMachines, waitForJob } from "../test/lab-jobs";
import { JobRunner } from "./runner";

const tdb = useTestDatabase();
let info: LabInfo;
let pool: SshPool;
let runner: JobRunner;
const nonce = () => [`nonce=${Date.now()}`];
const resultOf = (job: { result: string }) =>
  JSON.parse(job.result) as { deployedPath: string | null; toplevel: string | null; outcome: string; generation: number | null };
const profileTarget = async (h = "frame1") => (await lab.run(h, "readlink -f /nix/var/nix/profiles/system")).trim();
const generationCount = async () => (await lab.run("frame1", "ls -d /nix/var/nix/profiles/system-*-link | wc -l")).trim();
/** The system facts of a lab host, read with the panel's own command and parser. */
async function factsOf(name: string) {
  const h = info.hosts.find((x) => x.name === name)!;
  const target = {
    machine: `facts-${name}`,
    host: h.address,
    port: 22,
    user: "admin",
    hostKeyFingerprint: h.hostKeyFingerprint,
    privateKeyPath: info.privateKeyPath,
  };
  return (paths: string[] = []) => run(target, commandLine(systemFacts({ sshUser: "admin" }, paths)), { pool }).then(parseSystemFacts);
}
const start = (kind: "deploy" | "rollback" | "generations", args: object = {}) =>
  runner.enqueue({ machine: "frame1", kind, args, requestedById: null });
const current = async () => (await lab.run("frame1", "readlink -f /run/current-system")).trim();
const grafanaStarted = async () => (await lab.run("frame1", "systemctl show -p ActiveEnterTimestampMonotonic --value grafana")).trim();

beforeAll(async () => {
  ({ info, pool } = await labMachines(tdb.client()));
  runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
  await runner.start();
});

afterAll(async () => {
  await runner?.shutdown(2000);
  pool?.closeAll();
});

describe("deploy", () => {
  let basePath = "";
  let changedPath = "";

  it("deploys base, then changed, through deploy-rs's wrapper: succeeded, the profile at the wrapper, the toplevel running, in sync", async () => {
    await lab.setVariant("frame1", "base", { extra: nonce() });
    const base = await expectStatus(tdb.client(), (await start("deploy")).id, "succeeded");
    basePath = base.newSystem!;
    expect(await current()).toBe(basePath);
    expect(base.oldSystem).toMatch(/^\/nix\/store\//);

    const before = await grafanaStarted();
    await lab.setVariant("frame1", "changed", { extra: nonce() });
    const changed = await expectStatus(tdb.client(), (await start("deploy")).id, "succeeded");
    changedPath = changed.newSystem!;
    const r = resultOf(changed);
    expect(r.outcome).toBe("changed");
    expect(r.deployedPath).toMatch(/^\/nix\/store\/[a-z0-9]{32}-activatable-nixos-system-frame1-24\.11\.\d+\.lab-changed$/);
    expect(r.toplevel).toBe(changedPath);
    expect(changedPath).toMatch(/^\/nix\/store\/[a-z0-9]{32}-nixos-system-frame1-24\.11\.\d+\.lab-changed$/);
    expect(changed.message).toContain("(NixOS 24.11.20261126.lab-changed)");
    expect(changed.oldSystem).toBe(basePath);
    expect(changedPath).not.toBe(basePath);
    // on the host: the profile is deploy-rs's wrapper, the running system the toplevel inside it
    expect(await profileTarget()).toBe(r.deployedPath);
    expect(await current()).toBe(changedPath);
    expect((await lab.run("frame1", `readlink -f ${r.deployedPath}/nixos-version`)).trim()).toBe(`${changedPath}/nixos-version`);
    expect(await grafanaStarted()).not.toBe(before);
    const drift = driftOf(
      await current(),
      { id: changed.id, kind: "deploy", newSystem: changed.newSystem, oldSystem: changed.oldSystem, finishedAt: changed.finishedAt },
      [],
    );
    expect(drift).toMatchObject({ state: "matches" });
    expect(drift.text).toContain("in sync");
  });

  it("a broken configuration ends rolled-back (auto rollback) with the old system still active", async () => {
    const gens = await generationCount();
    await lab.setVariant("frame1", "broken", { extra: nonce() });
    const job = await expectStatus(tdb.client(), (await start("deploy")).id, "rolled-back");
    expect(resultOf(job).outcome).toBe("auto-rollback");
    expect(job.message).toContain("the activation failed and was undone (auto rollback)");
    expect(job.oldSystem).toBe(changedPath);
    expect(job.newSystem).toBe(changedPath);
    expect(job.exitCode).not.toBe(0);
    expect(await current()).toBe(changedPath);
    expect(await generationCount()).toBe(gens);
  });

  it("an activation nobody confirms rolls back by itself (magic rollback)", async () => {
    await lab.run("frame1", "echo 3 > /etc/lab/deploy-skip-confirm");
    try {
      await lab.setVariant("frame1", "base", { extra: nonce() });
      const job = await expectStatus(tdb.client(), (await start("deploy")).id, "rolled-back");
      expect(resultOf(job).outcome).toBe("magic-rollback");
      expect(job.message).toContain("not confirmed in time (magic rollback)");
      expect(await current()).toBe(changedPath);
      expect(await profileTarget()).not.toMatch(/lab-base$/);
    } finally {
      // Also the canary deploy-rs leaves after a magic rollback: a later deploy of the same closure
      // would take it for its confirmation and race its own activation (see e2e/lab/README.md).
      await lab.run("frame1", "rm -f /etc/lab/deploy-skip-confirm /tmp/deploy-rs-canary-*");
    }
  });

  it("a build that fails fails before activation, and nothing changes on the machine", async () => {
    const gens = await generationCount();
    const profile = await profileTarget();
    await lab.setVariant("frame1", "unbuildable", { extra: nonce() });
    const job = await expectStatus(tdb.client(), (await start("deploy")).id, "failed");
    expect(resultOf(job).outcome).toBe("before-activation");
    expect(job.message).toContain("before activating anything");
    expect(job.message).toContain("Failed to build profile on node frame1: frame1");
    expect(await current()).toBe(changedPath);
    expect(await profileTarget()).toBe(profile);
    expect(await generationCount()).toBe(gens);
  });

  it("rolls back to an older generation by number", async () => {
    const gens = await expectStatus(tdb.client(), (await start("generations")).id, "succeeded");
    const list = (JSON.parse(gens.result) as { generations: { number: number; current: boolean }[] }).generations;
    const cur = list.find((g) => g.current)!;
    const previous = list.filter((g) => g.number < cur.number).at(-1)!;
    const job = await expectStatus(tdb.client(), (await start("rollback", { generation: previous.number })).id, "succeeded");
    expect(job.oldSystem).toBe(changedPath);
    expect(job.newSystem).toBe(basePath);
    expect(await current()).toBe(basePath);
  });

  it("fails after activation, saying what runs now, when the previous generation cannot be re-activated", async () => {
    // A generation nixos-rebuild (not deploy-rs) made has no deploy-rs-activate: activate-rs's
    // auto rollback points the profile back at it but cannot re-activate it (deploy-rs does the same).
    await lab.run("frame1", 'nix-env -p /nix/var/nix/profiles/system --set "$(readlink -f /run/current-system)"');
    const plain = await current();
    await lab.setVariant("frame1", "broken", { extra: nonce() });
    const job = await expectStatus(tdb.client(), (await start("deploy")).id, "failed");
    expect(resultOf(job).outcome).toBe("after-activation");
    expect(job.newSystem).toMatch(/lab-broken$/);
    expect(job.message).toMatch(/now runs nixos-system-frame1-24\.11\.\d+\.lab-broken \(NixOS 24\.11\.20261126\.lab-broken\)/);
    expect(job.message).toContain("check the machine");
    expect(await profileTarget()).toBe(plain);
    await lab.setVariant("frame1", "changed");
    await expectStatus(tdb.client(), (await start("deploy")).id, "succeeded");
  });

  it("two targets in one run each get their own outcome (deploy-rs revokes the one that succeeded)", async () => {
    const f1 = await factsOf("frame1");
    const f2 = await factsOf("frame2");
    await lab.setVariant("frame1", "base", { extra: nonce() });
    await lab.setVariant("frame2", "broken", { extra: nonce() });
    const outcomes = async (flags: string) => {
      const before = { frame1: await f1(), frame2: await f2() };
      const r = await lab.exec("frame1", `cd ~/homelab && nix run .#deploy -- -s ${flags} --targets .#frame1 .#frame2`, "admin", {
        timeoutMs: 300_000,
      });
      const reader = new DeployLogReader();
      for (const l of `${r.stderr}\n${r.stdout}`.split("\n")) reader.feed(l);
      const of = async (node: "frame1" | "frame2", read: typeof f1) => {
        const log = reader.scan.nodes.find((n) => n.node === node) ?? null;
        const after = await read(log?.path ? [log.path] : []);
        return deployOutcome({ node, exitCode: r.code, before: before[node], after, log, runErrors: reader.scan.errors });
      };
      return { code: r.code, stderr: r.stderr, frame1: await of("frame1", f1), frame2: await of("frame2", f2) };
    };
    const revoked = await outcomes("");
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toContain("Deployment to node frame2 failed, rolled back to previous generation");
    expect(revoked.frame1).toMatchObject({ status: "rolled-back", kind: "revoked" });
    expect(revoked.frame2).toMatchObject({ status: "rolled-back", kind: "auto-rollback" });

    const kept = await outcomes("--rollback-succeeded false");
    expect(kept.code).toBe(1);
    expect(kept.frame1).toMatchObject({ status: "succeeded", kind: "changed" });
    expect(kept.frame1.newSystem).toMatch(/lab-base$/);
    expect(kept.frame2).toMatchObject({ status: "rolled-back", kind: "auto-rollback" });
    await lab.setVariant("frame2", "base");
    await lab.run("frame1", "cd ~/homelab && nix run .#deploy -- -s .#frame2", "admin", { timeoutMs: 300_000 });
  });

  it("queues a second deploy behind the first; read-only jobs do not wait; a queued job can be cancelled", async () => {
    await lab.setVariant("frame1", "base");
    const first = await start("deploy");
    const second = await start("deploy");
    const third = await start("deploy");
    expect(first.position).toBeNull();
    expect(second.position).toBe(1);
    expect(third.position).toBe(2);
    expect(runner.position(second.id)).toBe(1);
    await runner.cancel(third.id, "not needed");
    expect((await waitForJob(tdb.client(), third.id, ["cancelled"])).startedAt).toBeNull();

    const gens = await start("generations");
    expect(gens.position).toBeNull();
    const listed = await expectStatus(tdb.client(), gens.id, "succeeded");
    const a = await expectStatus(tdb.client(), first.id, "succeeded");
    const b = await expectStatus(tdb.client(), second.id, "succeeded");
    expect(b.startedAt!.getTime()).toBeGreaterThanOrEqual(a.finishedAt!.getTime());
    expect(listed.finishedAt!.getTime()).toBeLessThan(a.finishedAt!.getTime());
    expect(await runner.cancel(first.id, "late")).toBe("already-ended");
  });
});
