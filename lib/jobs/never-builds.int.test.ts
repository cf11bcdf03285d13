// The weak device against the lab: frame3 never builds (`max-jobs = 0` in its nix.conf), frame1 is
// its build host. A deploy through the panel's job runner builds on frame1 (deploy-rs there) and
// copies the closure; frame3's store records the system as copied in, frame1's as built there. The
// panel refuses any job that would build on frame3 itself, and a deploy when deploy-rs would build
// on it (remoteBuild = true).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab, type LabInfo } from "@/e2e/lab";
import { commandLine, pathInfo } from "../commands";
import { ValidationError } from "../errors";
import { parsePathInfo } from "../nix/path-info";
import type { SshPool } from "../ssh/pool";
import { run } from "../ssh/run";
import { useTestDatabase } from "../test/db";
import { expectStatus, labMachines, logText } from "../test/lab-jobs";
import { JobRunner } from "./runner";

const tdb = useTestDatabase();
let info: LabInfo;
let pool: SshPool;
let runner: JobRunner;
const nonce = () => [`nonce=weak${Date.now()}`];
const current = async (h: string) => (await lab.run(h, "readlink -f /run/current-system")).trim();

/** What a lab host's store says of `paths`, read with the panel's own command and parser. */
async function originsOn(name: string, paths: string[]) {
  const h = info.hosts.find((x) => x.name === name)!;
  const target = {
    machine: `pi-${name}`,
    host: h.address,
    port: 22,
    user: "admin",
    hostKeyFingerprint: h.hostKeyFingerprint,
    privateKeyPath: info.privateKeyPath,
  };
  return parsePathInfo(await run(target, commandLine(pathInfo({ sshUser: "admin" }, paths)), { pool })).origins;
}

beforeAll(async () => {
  ({ info, pool } = await labMachines(tdb.client()));
  const frame3 = info.hosts.find((h) => h.name === "frame3");
  if (!frame3) throw new Error("the lab has no frame3: LAB_HOSTS must include it (the default does)");
  const row = {
    system: "x86_64-linux",
    role: "testing",
    sshHost: frame3.address,
    sshUser: "admin",
    hostKeyFingerprint: frame3.hostKeyFingerprint,
  };
  await tdb.client().machine.create({ data: { ...row, name: "frame3", flakeAttr: "frame3", neverBuilds: true, buildHost: "frame1" } });
  // Written past the form (which refuses it): a never-builds machine that would be its own builder.
  await tdb.client().machine.create({ data: { ...row, name: "frame3-self", flakeAttr: "frame3", neverBuilds: true } });
  runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
  await runner.start();
});

afterAll(async () => {
  await runner?.shutdown(2000);
  pool?.closeAll();
});

describe("frame3, the weak device", () => {
  it("refuses a build attempted on it directly: its nix does not build", async () => {
    // A derivation frame3's store has not got: a new nonce in frame3's own checkout.
    await lab.run("frame3", `cd ~/homelab && echo nonce=direct${Date.now()} >> variants/frame3 && git commit -qam 'direct build'`, "admin");
    const r = await lab.exec(
      "frame3",
      ["sh", "-c", "cd ~/homelab && nix build --no-link .#nixosConfigurations.frame3.config.system.build.toplevel"],
      "admin",
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("unable to start any build; either increase '--max-jobs' or enable remote builds");
  });

  it("is deployed through the job runner from frame1: built there, copied to frame3, builtOn recorded", async () => {
    const before = await current("frame3");
    await lab.setVariant("frame3", "changed", { extra: nonce() });
    const job = await expectStatus(
      tdb.client(),
      (await runner.enqueue({ machine: "frame3", kind: "deploy", args: {}, requestedById: null })).id,
      "succeeded",
    );
    expect(job.builtOn).toBe("frame1");
    expect(job.newSystem).toMatch(/^\/nix\/store\/[a-z0-9]{32}-nixos-system-frame3-24\.11\.\d+\.lab-changed$/);
    expect(job.newSystem).not.toBe(before);
    expect(await current("frame3")).toBe(job.newSystem);
    const log = (await logText(tdb.client(), job.id)).join("\n");
    expect(log).toContain("frame3 never builds: deploy-rs builds system on frame1 (remoteBuild is off) and copies the closure");
    expect(log).toContain("Copying profile `system` to node `frame3`");
    // frame3's store: copied in (no `ultimate`); frame1's: built there.
    expect(await originsOn("frame3", [job.newSystem!])).toEqual({ [job.newSystem!]: "copied" });
    expect(await originsOn("frame1", [job.newSystem!])).toEqual({ [job.newSystem!]: "built-here" });
  });

  it("refuses every job that would build or evaluate on frame3 itself, before anything runs", async () => {
    const jobs = await tdb.client().job.count();
    for (const kind of ["build", "deploy", "validate", "dry-run"] as const) {
      const err = await runner.enqueue({ machine: "frame3-self", kind, args: {}, requestedById: null }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toBe(
        "frame3-self never builds, so nothing may be built or evaluated on it: set another machine as its build host.",
      );
    }
    expect(await tdb.client().job.count()).toBe(jobs);
  });

  it("refuses a deploy when deploy-rs would build on frame3 (remoteBuild = true in the flake), and frame3 is left as it was", async () => {
    const before = await current("frame3");
    const flakeCommit = (
      await lab.run(
        "frame1",
        `cd ~/homelab && sed -i 's|sshUser = "admin";|sshUser = "admin"; remoteBuild = host == "frame3";|' flake.nix && grep -q 'remoteBuild = host' flake.nix && git commit -qam 'frame3 builds remotely' && git rev-parse HEAD`,
        "admin",
      )
    ).trim();
    try {
      await lab.setVariant("frame3", "base", { extra: nonce() });
      const job = await expectStatus(
        tdb.client(),
        (await runner.enqueue({ machine: "frame3", kind: "deploy", args: {}, requestedById: null })).id,
        "failed",
      );
      expect(job.message).toBe(
        "frame3 never builds, but deploy-rs would build frame3.system on frame3 itself (remoteBuild = true): set remoteBuild = false (or remove it) for it in the flake.",
      );
      expect(await current("frame3")).toBe(before);
      expect((await logText(tdb.client(), job.id)).join("\n")).not.toContain("[deploy]");
    } finally {
      // That commit, not HEAD: setVariant committed after it.
      await lab.run(
        "frame1",
        `cd ~/homelab && git revert --no-edit ${flakeCommit} >/dev/null && ! grep -q 'remoteBuild = host' flake.nix`,
        "admin",
      );
    }
  });
});
