/**
 * Tests of the lab itself (vitest --project lab): real hosts, real systemd, real nix.
 * beforeAll boots the lab (idempotent) and brings frame1 and frame2 back to the base variant.
 * LAB_KEEP=1 leaves the lab up afterwards; otherwise the caller's script runs `lab down`.
 * LAB_DOWN_AFTER=1 takes it down in afterAll.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// deploy-rs colours the level of every log line (flexi_logger palette), terminal or not.
import { stripAnsi as plain } from "../../lib/nix/ansi";
import { lab, LAB_UNITS, type LabInfo } from "./index";

const DEPLOY = "cd ~/homelab && nix run .#deploy --";
let info: LabInfo;
let hasFrame2 = false;

const currentSystem = (h: string) => lab.run(h, "readlink /run/current-system").then((s) => s.trim());
const profileTarget = (h: string) => lab.run(h, "readlink -f /nix/var/nix/profiles/system").then((s) => s.trim());
const mainPid = (h: string, unit: string) =>
  lab.run(h, ["systemctl", "show", "-p", "MainPID", "--value", `${unit}.service`]).then((s) => Number(s.trim()));
const generations = (h: string) =>
  lab.run(h, "sudo -n nix-env -p /nix/var/nix/profiles/system --list-generations", "admin").then((s) => s.trim().split("\n"));
// After a magic rollback deploy-rs leaves its canary (<temp>/deploy-rs-canary-<hash of the closure>):
// activate.rs's activation_confirmation never removes it on a time-out, and the next deploy of the
// same closure finds it at once (wait() takes an existing file as the confirmation), so whether that
// deploy is confirmed depends on which ssh command is faster. The tests remove it, as an owner must.
const forgetCanaries = (h: string) => lab.run(h, "rm -f /tmp/deploy-rs-canary-*");

async function deployBase(h: string) {
  await lab.setVariant(h, "base");
  if (!(await currentSystem(h)).endsWith("lab-base")) {
    await lab.run("frame1", `${DEPLOY} -s .#${h}`, "admin", { timeoutMs: 120_000 });
  }
}

beforeAll(async () => {
  info = await lab.up();
  hasFrame2 = info.hosts.some((h) => h.name === "frame2" && h.state === "running");
  for (const h of info.hosts) await lab.healUnit(h.name, "loki").catch(() => undefined);
  await deployBase("frame1");
  if (hasFrame2) await deployBase("frame2");
});

afterAll(async () => {
  if (process.env.LAB_KEEP === "1") return;
  if (info) await deployBase("frame1").catch(() => undefined);
  if (process.env.LAB_DOWN_AFTER === "1") await lab.down();
});

describe("lab hosts", () => {
  it("are reachable over SSH as root and admin with the pinned host key", async () => {
    for (const h of info.hosts) {
      expect(h.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      expect((await lab.run(h.name, "hostname")).trim()).toBe(h.name);
      expect((await lab.run(h.name, "id -un; sudo -n id -un", "admin")).trim()).toBe("admin\nroot");
    }
    if (hasFrame2) expect(info.hosts[0].hostKeyFingerprint).not.toBe(info.hosts[1].hostKeyFingerprint);
  });

  it("refuses a host whose key does not match the pinned fingerprint", async () => {
    const wrong = "SHA256:" + "A".repeat(43);
    await expect(lab.exec("frame1", "true", "root", { fingerprint: wrong })).rejects.toThrow(/verification failed/i);
  });

  it("run systemd as PID 1 and the homelab units", async () => {
    expect((await lab.run("frame1", "ps -o comm= -p 1")).trim()).toBe("systemd");
    const states = (await lab.run("frame1", ["systemctl", "is-active", ...LAB_UNITS.map((u) => `${u}.service`)])).trim().split("\n");
    expect(states).toEqual(LAB_UNITS.map(() => "active"));
  });

  it("write recent lines of mixed priority to the journal", async () => {
    const lines = await lab.waitFor(
      "journal lines of grafana",
      async () => {
        const out = await lab.run("frame1", "journalctl -u grafana.service --since -60s -o json --no-pager", "admin");
        const entries = out
          .trim()
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { MESSAGE: string; PRIORITY: string });
        return entries.filter((e) => e.MESSAGE.startsWith("grafana:")).length >= 3 ? entries : undefined;
      },
      20_000,
    );
    expect(lines.some((e) => e.PRIORITY === "6")).toBe(true);
    const warnings = await lab.run(
      "frame1",
      "journalctl -p warning -u 'caddy.service' -u 'loki.service' -u 'alloy.service' -o cat --no-pager | head -3",
    );
    expect(warnings).toMatch(/warning|error/);
  });

  it("start with real generations, the profile at deploy-rs's wrapper and /run/current-system at the toplevel inside", async () => {
    const gens = await generations("frame1");
    expect(gens.length).toBeGreaterThanOrEqual(1);
    expect(gens.some((g) => g.includes("(current)"))).toBe(true);
    const cur = await currentSystem("frame1");
    expect(cur).toMatch(/^\/nix\/store\/[a-z0-9]{32}-nixos-system-frame1-24\.11\.\d+\.lab-base$/);
    expect((await lab.run("frame1", "cat /run/current-system/nixos-version")).trim()).toBe("24.11.20261126.lab-base");
    const wrapper = await profileTarget("frame1");
    expect(wrapper).toMatch(/^\/nix\/store\/[a-z0-9]{32}-activatable-nixos-system-frame1-24\.11\.\d+\.lab-base$/);
    // booted-system, like current-system, is a toplevel, never the wrapper (NixOS's stage 2 records the toplevel)
    expect((await lab.run("frame1", "readlink /run/booted-system")).trim()).toMatch(/^\/nix\/store\/[a-z0-9]{32}-nixos-system-frame1-/);
    // deploy-rs's buildEnv: a link per entry of the toplevel, plus its two scripts in their own paths
    const entries = (await lab.run("frame1", `cd ${wrapper} && for e in *; do printf '%s %s\\n' "$e" "$(readlink "$e")"; done`))
      .trim()
      .split("\n");
    expect(entries).toEqual(
      expect.arrayContaining([
        `nixos-version ${cur}/nixos-version`,
        `bin ${cur}/bin`,
        `etc ${cur}/etc`,
        expect.stringMatching(
          /^activate-rs \/nix\/store\/[a-z0-9]{32}-nixos-system-frame1-24\.11\.\d+\.lab-base-activate-rs\/activate-rs$/,
        ),
        expect.stringMatching(
          /^deploy-rs-activate \/nix\/store\/[a-z0-9]{32}-nixos-system-frame1-24\.11\.\d+\.lab-base-activate-path\/deploy-rs-activate$/,
        ),
      ]),
    );
    expect(await lab.run("frame1", `test ! -e ${cur}/deploy-rs-activate && test ! -e ${cur}/activate-rs && echo none`)).toContain("none");
  });

  it("can fail a unit and heal it", async () => {
    await lab.failUnit("frame1", "loki");
    expect((await lab.exec("frame1", "systemctl is-failed loki.service")).stdout.trim()).toBe("failed");
    await lab.healUnit("frame1", "loki");
    expect((await lab.exec("frame1", "systemctl is-active loki.service")).stdout.trim()).toBe("active");
  });
});

describe("the lab flake on frame1", () => {
  const attr = ".#nixosConfigurations.frame1.config.system.build.toplevel";
  const build = (extra = "") =>
    lab.run("frame1", `cd ~/homelab && nix build --no-link --json ${extra} ${attr}`, "admin", { timeoutMs: 180_000 });

  it("evaluates and builds every variant with the real nix", async () => {
    const outs = new Set<string>();
    for (const v of ["base", "changed", "broken"] as const) {
      await lab.setVariant("frame1", v);
      const drv = (await lab.run("frame1", `cd ~/homelab && nix eval --raw ${attr}.drvPath`, "admin")).trim();
      expect(drv).toMatch(/\.drv$/);
      const [res] = JSON.parse(await build()) as { outputs: { out: string } }[];
      expect(res.outputs.out).toContain(`lab-${v}`);
      expect(
        await lab.run("frame1", `test -x ${res.outputs.out}/bin/switch-to-configuration && cat ${res.outputs.out}/nixos-version`),
      ).toContain(`lab-${v}`);
      outs.add(res.outputs.out);
    }
    expect(outs.size).toBe(3);
    await lab.setVariant("frame1", "base");
  });

  it("streams build log lines with --log-format internal-json (slow variant)", async () => {
    await lab.setVariant("frame1", "slow", { extra: [`nonce=${Date.now()}`, "seconds=3"] });
    const r = await lab.exec("frame1", `cd ~/homelab && nix build --no-link --log-format internal-json -v ${attr}`, "admin", {
      timeoutMs: 120_000,
    });
    await lab.setVariant("frame1", "base");
    expect(r.code).toBe(0);
    const msgs = r.stderr
      .split("\n")
      .filter((l) => l.startsWith("@nix "))
      .map((l) => JSON.parse(l.slice(5)) as { action: string; type?: number; fields?: unknown[] });
    const logLines = msgs.filter((m) => m.action === "result" && m.type === 101).map((m) => String(m.fields?.[0]));
    expect(logLines.some((l) => l.includes("compiling slow-package part 3"))).toBe(true);
    expect(msgs.some((m) => m.action === "start" && m.type === 105)).toBe(true);
  });
});

describe("the deploy stand-in", () => {
  it("deploys a changed variant: /run/current-system changes and only grafana restarts", async () => {
    const before = await currentSystem("frame1");
    const grafana = await mainPid("frame1", "grafana");
    const caddy = await mainPid("frame1", "caddy");
    const frame2Before = hasFrame2 ? await currentSystem("frame2") : "";
    const gensBefore = (await generations("frame1")).length;
    await lab.setVariant("frame1", "changed");
    const r = await lab.exec("frame1", `${DEPLOY} .#frame1`, "admin", { timeoutMs: 180_000 });
    const err = plain(r.stderr);
    expect(r.code, err).toBe(0);
    expect(r.stderr).toContain("🚀 ℹ️ [deploy] [\x1b[38;5;51mINFO\x1b[0m] Running checks for flake in .");
    expect(err).toContain("🚀 ℹ️ [deploy] [INFO] Building profile `system` for node `frame1`");
    expect(err).toMatch(
      /\[frame1\.system\]\nuser = "root"\nssh_user = "admin"\npath = "\/nix\/store\/[a-z0-9]{32}-activatable-nixos-system-frame1-24\.11\.\d+\.lab-changed"\nhostname = "10\.231\.1\.2"\nssh_opts = \[\]\n/,
    );
    expect(err).toContain("⭐ ℹ️ [activate] [INFO] Activation succeeded!");
    expect(err).toContain("👀 ℹ️ [wait] [INFO] Found canary file, done waiting!");
    expect(err).toContain("restarting the following units: grafana.service");
    expect(err).toContain("🚀 ℹ️ [deploy] [INFO] Deployment confirmed.");
    expect(await profileTarget("frame1")).toMatch(/-activatable-nixos-system-frame1-24\.11\.\d+\.lab-changed$/);
    const after = await currentSystem("frame1");
    expect(after).not.toBe(before);
    expect(after).toMatch(/lab-changed$/);
    expect(await mainPid("frame1", "grafana")).not.toBe(grafana);
    expect(await mainPid("frame1", "caddy")).toBe(caddy);
    expect((await generations("frame1")).length).toBe(gensBefore + 1);
    if (hasFrame2) expect(await currentSystem("frame2")).toBe(frame2Before);
  });

  it("dry-activates without changing anything", async () => {
    await lab.setVariant("frame1", "base");
    const before = await currentSystem("frame1");
    const r = await lab.exec("frame1", `${DEPLOY} -s --dry-activate .#frame1`, "admin", { timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("would restart the following units: grafana.service");
    expect(plain(r.stderr)).toContain("🚀 ℹ️ [deploy] [INFO] Completed dry-activate!");
    expect(await currentSystem("frame1")).toBe(before);
  });

  it("rolls back a failing activation and exits non-zero", async () => {
    const before = await currentSystem("frame1");
    const gensBefore = await generations("frame1");
    await lab.setVariant("frame1", "broken");
    const r = await lab.exec("frame1", `${DEPLOY} -s .#frame1`, "admin", { timeoutMs: 180_000 });
    const err = plain(r.stderr);
    expect(r.code).toBe(1);
    expect(err).toContain("warning: the following units failed: loki.service");
    expect(err).toContain("⭐ ⚠️ [activate] [WARN] De-activating due to error");
    expect(err).toContain("⭐ ℹ️ [activate] [INFO] Attempting to re-activate the last generation");
    expect(err).toContain("⭐ ❌ [activate] [ERROR] The activation script resulted in a bad exit code: Some(4)");
    expect(err).toContain("🚀 ❌ [deploy] [ERROR] Activating over SSH resulted in a bad exit code: Some(1)");
    expect(err).toContain("🚀 ℹ️ [deploy] [INFO] Revoking previous deploys");
    expect(err).toContain("🚀 ❌ [deploy] [ERROR] Deployment to node frame1 failed, rolled back to previous generation\n");
    expect(await currentSystem("frame1")).toBe(before);
    expect(await generations("frame1")).toEqual(gensBefore);
    expect((await lab.exec("frame1", "systemctl is-active loki.service")).stdout.trim()).toBe("active");
  });

  it("rolls back by itself when the confirmation does not arrive (magic rollback)", async () => {
    const before = await currentSystem("frame1");
    await lab.setVariant("frame1", before.endsWith("lab-base") ? "changed" : "base");
    const r = await lab.exec(
      "frame1",
      `cd ~/homelab && LAB_DEPLOY_SKIP_CONFIRM=1 nix run .#deploy -- -s --confirm-timeout 3 .#frame1`,
      "admin",
      { timeoutMs: 120_000 },
    );
    const err = plain(r.stderr);
    expect(r.code).toBe(1);
    expect(err).toContain("⭐ ℹ️ [activate] [INFO] Waiting for confirmation event...");
    expect(err).toContain(
      "⭐ ❌ [activate] [ERROR] Failed to get activation confirmation: Error waiting for confirmation event: Timeout elapsed for confirmation",
    );
    expect(err).toContain("Attempting to re-activate the last generation");
    // today's deploy-rs panics in its activation task here, then reports the lost channel
    expect(err).toContain("called `Result::unwrap()` on an `Err` value: SSHActivateExit(Some(1))");
    expect(err).toContain("🚀 ❌ [deploy] [ERROR] Activating over SSH resulted in a bad exit code: RecvError(())");
    expect(err).toContain("🚀 ❌ [deploy] [ERROR] Deployment to node frame1 failed, rolled back to previous generation");
    expect(await currentSystem("frame1")).toBe(before);
    // deploy-rs leaves the canary behind after a magic rollback; the next deploy of this closure
    // would take it for its confirmation (see forgetCanaries).
    expect(await lab.run("frame1", "ls /tmp")).toMatch(/deploy-rs-canary-/);
    await forgetCanaries("frame1");
  });

  it("--boot sets the profile for the next boot and activates nothing now", async () => {
    const before = await currentSystem("frame1");
    await lab.setVariant("frame1", before.endsWith("lab-base") ? "changed" : "base", { extra: [`nonce=${Date.now()}`] });
    const r = await lab.exec("frame1", `${DEPLOY} -s --boot .#frame1`, "admin", { timeoutMs: 120_000 });
    expect(r.code, plain(r.stderr)).toBe(0);
    expect(plain(r.stderr)).toContain("🚀 ℹ️ [deploy] [INFO] Success activating for next boot, done!");
    expect(await currentSystem("frame1")).toBe(before);
    expect(await profileTarget("frame1")).toMatch(/-activatable-nixos-system-frame1-/);
    expect(await profileTarget("frame1")).not.toContain(before.slice(44));
    await lab.setVariant("frame1", "base");
    await lab.run("frame1", `${DEPLOY} -s .#frame1`, "admin", { timeoutMs: 120_000 });
  });

  it("fails before activation when the copy fails, in deploy-rs's words, and changes nothing", async () => {
    const before = await currentSystem("frame1");
    const gens = await generations("frame1");
    await lab.setVariant("frame1", "changed", { extra: [`nonce=${Date.now()}`] });
    // a node address nobody answers at: the build works, `nix copy --to ssh://` cannot connect
    const r = await lab.exec("frame1", `${DEPLOY} -s --hostname 10.231.9.2 .#frame1`, "admin", { timeoutMs: 120_000 });
    const err = plain(r.stderr);
    expect(r.code).toBe(1);
    expect(err).toContain("🚀 ℹ️ [deploy] [INFO] Copying profile `system` to node `frame1`");
    expect(err).toContain("🚀 ❌ [deploy] [ERROR] Failed to push profile to node frame1: frame1");
    expect(err).not.toContain("Activating profile");
    expect(await currentSystem("frame1")).toBe(before);
    expect(await generations("frame1")).toEqual(gens);
    await lab.setVariant("frame1", "base");
  });

  it("fails before anything when the evaluation fails", async () => {
    const r = await lab.exec("frame1", `${DEPLOY} -s .#frame9`, "admin", { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(plain(r.stderr)).toContain(
      "🚀 ❌ [deploy] [ERROR] Failed to evaluate deployment data: Evaluation resulted in a bad exit code: Some(1)",
    );
  });

  it("refuses a command line deploy-rs refuses, as clap words it (exit 2)", async () => {
    const r = await lab.exec("frame1", `${DEPLOY} .#frame1 .#frame2`, "admin", { timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: unexpected argument '.#frame2' found\n\nUsage: deploy [OPTIONS] [TARGET] [-- <EXTRA_BUILD_ARGS>...]\n\nFor more information, try '--help'.\n",
    );
  });

  it.runIf(process.env.LAB_HOSTS !== "frame1")("deploys frame2 from frame1 and leaves frame1 alone", async () => {
    if (!hasFrame2) return;
    const frame1Before = await currentSystem("frame1");
    await lab.setVariant("frame2", "changed");
    const r = await lab.exec("frame1", `${DEPLOY} -s .#frame2`, "admin", { timeoutMs: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(await currentSystem("frame2")).toMatch(/nixos-system-frame2-.*lab-changed$/);
    expect(await currentSystem("frame1")).toBe(frame1Before);
    await deployBase("frame2");
  });
});
