import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDeploy, checkFlake, checkNix, checkSudo } from "./check-commands";
import { commandLine } from "./remote-command";
import { HOSTILE, expectAllRefused, expectRoundTrip } from "./shell-echo.test-support";

const admin = { sshUser: "admin" };
const sh = (line: string) => execFileSync("/bin/sh", ["-c", line], { encoding: "utf8" }).trim();

describe("the connection check's probes", () => {
  it("asks sudo without a password prompt, never as a sudo prefix", () => {
    const cmd = checkSudo(admin);
    expect(commandLine(cmd)).toBe("sudo -n true");
    expect(cmd).toMatchObject({ sudo: false, readOnly: true });
  });

  it("runs nix with the panel's flake flags", () => {
    expect(commandLine(checkNix(admin))).toBe(
      "nix --extra-experimental-features 'nix-command flakes' eval --raw --expr builtins.nixVersion",
    );
  });

  it("tells a missing directory, a missing flake.nix, a plain folder and a git checkout apart (real sh and git)", () => {
    const root = mkdtempSync(join(tmpdir(), "flake-check-"));
    const plain = join(root, "plain");
    const repo = join(root, "repo");
    mkdirSync(plain);
    mkdirSync(join(repo, "sub"), { recursive: true });
    writeFileSync(join(plain, "flake.nix"), "{}");
    writeFileSync(join(repo, "sub", "flake.nix"), "{}");
    execFileSync("git", ["init", "-q", repo]);
    expect(sh(commandLine(checkFlake(admin, join(root, "missing"))))).toBe("nodir");
    expect(sh(commandLine(checkFlake(admin, root)))).toBe("noflake");
    expect(sh(commandLine(checkFlake(admin, plain)))).toBe("nogit");
    expect(sh(commandLine(checkFlake(admin, join(repo, "sub"))))).toBe(`git\t${repo}`);
    expectRoundTrip(checkFlake(admin, "/home/admin/my-flake.d"));
  });

  it("starts deploy-rs as a deploy does, with --help", () => {
    expect(checkDeploy(admin, "/srv/flake", { kind: "nix-run" }).argv).toEqual([
      "nix",
      "--extra-experimental-features",
      "nix-command flakes",
      "--option",
      "eval-cache",
      "false",
      "run",
      "/srv/flake#deploy",
      "--",
      "--help",
    ]);
    expect(checkDeploy(admin, "/srv/flake", { kind: "binary", path: "/run/current-system/sw/bin/deploy" }).argv).toEqual([
      "/run/current-system/sw/bin/deploy",
      "--help",
    ]);
  });

  it("refuses hostile flake directories", () => {
    expectAllRefused(HOSTILE, (v) => checkFlake(admin, v as string), /^flakeDir /);
    expectAllRefused(HOSTILE, (v) => checkDeploy(admin, v as string, { kind: "nix-run" }), /^flakeDir /);
  });
});
