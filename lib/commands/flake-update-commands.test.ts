import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HOSTILE } from "./shell-echo.test-support";
import { commandLine, type RemoteCommand } from "./remote-command";
import { applyLock, flakeLockRead, flakeLockSums, flakeScratch, flakeUpdate, scratchRemove } from "./flake-update-commands";

const ctx = { sshUser: "admin" };
const HASH = "ceb8ecb3b553f77a16e41dadc03861f621f4ed1d";
const SHA = "a".repeat(64);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("flake update commands: what they accept", () => {
  it("all inputs, or the chosen ones with nix 2.8's --update-input, run inside the scratch copy", () => {
    const s = "/tmp/panel-flake-update.AbC12345";
    expect(flakeUpdate(ctx, s, []).argv.slice(4)).toEqual([
      `${s}/flake`,
      "nix",
      "--extra-experimental-features",
      "nix-command flakes",
      "flake",
      "update",
    ]);
    expect(flakeUpdate(ctx, s, ["nixpkgs", "home-manager/nixpkgs"]).argv.slice(-4)).toEqual([
      "--update-input",
      "nixpkgs",
      "--update-input",
      "home-manager/nixpkgs",
    ]);
  });

  it.each([...HOSTILE, "a/b/c/d", "/abs", "a//b", "", 42, null])("refuses the input %j", (bad) => {
    expect(() => flakeUpdate(ctx, "/tmp/panel-flake-update.AbC12345", [bad])).toThrow(/input/);
  });

  it.each(["/tmp/x", "/tmp/panel-flake-update.AbC1234", "/tmp/panel-flake-update.AbC12345/..", "/home/admin/homelab", "/", "-rf", 1])(
    "only removes and reads the panel's own scratch directories, not %j",
    (bad) => {
      expect(() => scratchRemove(ctx, bad)).toThrow(/scratch/);
      expect(() => flakeLockRead(ctx, bad, "new")).toThrow(/scratch/);
      expect(() => flakeUpdate(ctx, bad, [])).toThrow(/scratch/);
    },
  );

  it("accept takes full hashes and a one-line message", () => {
    const ok = {
      flakeDir: "/home/admin/homelab",
      scratch: "/tmp/panel-flake-update.AbC12345",
      head: HASH,
      oldSha: SHA,
      newSha: SHA,
      message: "flake.lock: update",
      push: false,
    };
    expect(applyLock(ctx, ok)).toMatchObject({ kind: "flake.apply-lock", readOnly: false, cancellable: false });
    expect(() => applyLock(ctx, { ...ok, head: "HEAD" })).toThrow(/head/);
    expect(() => applyLock(ctx, { ...ok, oldSha: "x" })).toThrow(/oldSha/);
    expect(() => applyLock(ctx, { ...ok, message: "a\nb" })).toThrow(/message/);
    expect(() => applyLock(ctx, { ...ok, message: "--amend" })).toThrow(/message/);
    expect(() => flakeScratch(ctx, "/home/admin/homelab", "HEAD")).toThrow(/commit/);
  });
});

// The scripts run by a real /bin/sh against a real git checkout and real nix (2.8 here), offline.
const env = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  NIX_CONFIG: "build-users-group =\nsubstituters =\nexperimental-features = nix-command flakes",
};
const sh = (cmd: RemoteCommand, cwd?: string) => spawnSync("sh", ["-c", commandLine(cmd)], { env, encoding: "utf8", cwd });
const git = (dir: string, ...args: string[]) =>
  execFileSync("git", ["-C", dir, "-c", "user.name=T", "-c", "user.email=t@t", ...args], { env, encoding: "utf8" }).trim();
const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const hasNix = spawnSync("nix", ["--version"]).status === 0;

describe.runIf(hasNix)("flake update commands in a real checkout with a git+file input", () => {
  it("scratch, update, both locks, apply (refused when HEAD moved), remove; the checkout untouched until apply", () => {
    const root = mkdtempSync(join(tmpdir(), "flake-cmd-"));
    dirs.push(root);
    const input = join(root, "input");
    const co = join(root, "checkout");
    execFileSync("git", ["-c", "init.defaultBranch=main", "init", "-q", input], { env });
    writeFileSync(join(input, "flake.nix"), "{ outputs = { self }: { }; }\n");
    git(input, "add", "-A");
    git(input, "commit", "-qm", "one");
    execFileSync("git", ["-c", "init.defaultBranch=main", "init", "-q", co], { env });
    writeFileSync(join(co, "flake.nix"), `{ inputs.dep.url = "git+file://${input}"; outputs = { self, dep }: { }; }\n`);
    git(co, "add", "-A");
    execFileSync("nix", ["flake", "lock"], { cwd: co, env, stdio: "ignore" });
    git(co, "add", "-A");
    git(co, "commit", "-qm", "with lock");
    const head = git(co, "rev-parse", "HEAD");
    const lockBefore = readFileSync(join(co, "flake.lock"), "utf8");
    writeFileSync(join(input, "flake.nix"), "{ outputs = { self }: { two = 2; }; }\n");
    git(input, "commit", "-qam", "two");

    const made = sh(flakeScratch(ctx, co, head));
    expect(made.status, made.stderr).toBe(0);
    const scratch = made.stdout.trim();
    expect(scratch).toMatch(/^\/tmp\/panel-flake-update\.[A-Za-z0-9]{8}$/);
    dirs.push(scratch);
    const up = sh(flakeUpdate(ctx, scratch, ["dep"]));
    expect(up.status, up.stderr).toBe(0);
    const oldLock = sh(flakeLockRead(ctx, scratch, "old")).stdout;
    const newLock = sh(flakeLockRead(ctx, scratch, "new")).stdout;
    expect(oldLock).toBe(lockBefore);
    expect(newLock).not.toBe(lockBefore);
    // nothing in the checkout changed
    expect(readFileSync(join(co, "flake.lock"), "utf8")).toBe(lockBefore);
    expect(git(co, "status", "--porcelain")).toBe("");
    expect(git(co, "rev-parse", "HEAD")).toBe(head);

    const sums = sh(flakeLockSums(ctx, scratch)).stdout.trim().split("\n");
    expect(sums).toEqual([sha(lockBefore), sha(readFileSync(join(scratch, "flake", "flake.lock"), "utf8"))]);
    const a = { flakeDir: co, scratch, head, oldSha: sums[0], newSha: sums[1], message: "flake.lock: update dep", push: false };
    const moved = sh(applyLock(ctx, { ...a, head: "0".repeat(40) }));
    expect(moved.status).toBe(6);
    expect(moved.stderr).toMatch(/HEAD moved/);
    expect(sh(applyLock(ctx, { ...a, oldSha: "0".repeat(64) })).status).toBe(7);
    // no committer identity: the commit fails, flake.lock is restored
    const noIdentity = sh(applyLock(ctx, a));
    expect(noIdentity.status).toBe(10);
    expect(readFileSync(join(co, "flake.lock"), "utf8")).toBe(lockBefore);
    expect(git(co, "status", "--porcelain")).toBe("");
    git(co, "config", "user.name", "Lab Admin");
    git(co, "config", "user.email", "admin@lab");
    const applied = sh(applyLock(ctx, a));
    expect(applied.status, applied.stderr).toBe(0);
    expect(applied.stdout.trim()).toBe(git(co, "rev-parse", "HEAD"));
    expect(git(co, "log", "-1", "--format=%s")).toBe("flake.lock: update dep");
    expect(git(co, "show", "--name-only", "--format=", "HEAD")).toBe("flake.lock");
    expect(readFileSync(join(co, "flake.lock"), "utf8")).toBe(newLock);
    expect(git(co, "status", "--porcelain")).toBe("");

    expect(sh(scratchRemove(ctx, scratch)).status).toBe(0);
    expect(existsSync(scratch)).toBe(false);
  });
});
