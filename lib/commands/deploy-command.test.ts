import { describe, expect, it } from "vitest";
import { deploy, type DeployOptions } from "./deploy-command";
import { HOSTILE, expectAllRefused, expectRoundTrip } from "./shell-echo.test-support";

const ctx = { sshUser: "admin" };
const NIX = ["nix", "--extra-experimental-features", "nix-command flakes"];
const NO_EVAL_CACHE = ["--option", "eval-cache", "false"];
const base: DeployOptions = { flakeDir: "/srv/homelab", node: "frame1" };

describe("deploy", () => {
  it("runs deploy-rs from the flake by default, target last", () => {
    const cmd = deploy(ctx, base);
    // nix's evaluation cache is off for nix run and (after deploy-rs's own `--`) every nix deploy-rs runs.
    expect(cmd.argv).toEqual([...NIX, ...NO_EVAL_CACHE, "run", "/srv/homelab#deploy", "--", "/srv/homelab#frame1", "--", ...NO_EVAL_CACHE]);
    expect(cmd).toMatchObject({ kind: "deploy", sudo: false, readOnly: false, cancellable: false });
    expectRoundTrip(cmd);
  });
  it("maps every option to deploy-rs flags", () => {
    const cmd = deploy(ctx, {
      ...base,
      profile: "system",
      dryActivate: true,
      skipChecks: true,
      boot: true,
      magicRollback: false,
      autoRollback: true,
      confirmTimeout: 90,
    });
    expect(cmd.argv.slice(NIX.length + NO_EVAL_CACHE.length + 2)).toEqual([
      "--",
      "--dry-activate",
      "--skip-checks",
      "--boot",
      "--magic-rollback",
      "false",
      "--auto-rollback",
      "true",
      "--confirm-timeout",
      "90",
      "/srv/homelab#frame1.system",
      "--",
      ...NO_EVAL_CACHE,
    ]);
    expect(cmd).toMatchObject({ readOnly: true, cancellable: true });
    expect(deploy(ctx, { ...base, dryActivate: false, skipChecks: false }).argv).not.toContain("--dry-activate");
    expectRoundTrip(cmd);
  });
  it("uses a configured binary", () => {
    expect(deploy(ctx, { ...base, base: { kind: "binary", path: "/usr/local/bin/deploy" } }).argv).toEqual([
      "/usr/local/bin/deploy",
      "/srv/homelab#frame1",
      "--",
      ...NO_EVAL_CACHE,
    ]);
    expect(deploy(ctx, { ...base, base: { kind: "binary", path: "deploy" } }).argv[0]).toBe("deploy");
    expect(deploy(ctx, { ...base, base: { kind: "nix-run" } }).argv[6]).toBe("run");
  });
  it("refuses hostile names, paths, binaries and option values", () => {
    expectAllRefused(HOSTILE, (v) => deploy(ctx, { ...base, node: v as string }), /^node /);
    expectAllRefused(HOSTILE, (v) => deploy(ctx, { ...base, profile: v as string }), /^profile /);
    expectAllRefused(HOSTILE, (v) => deploy(ctx, { ...base, flakeDir: v as string }), /^flakeDir /);
    expectAllRefused(
      [...HOSTILE, "/usr/../bin/sh", "/opt/-x/deploy"],
      (v) => deploy(ctx, { ...base, base: { kind: "binary", path: v as string } }),
      /^deploy\.path /,
    );
    expectAllRefused(
      [{ kind: "shell" }, "nix-run", null, 3],
      (v) => deploy(ctx, { ...base, base: v as DeployOptions["base"] }),
      /^deploy\.base /,
    );
    expectAllRefused(
      [0, 3601, 1.5, "60", "60; id", NaN, null, {}],
      (v) => deploy(ctx, { ...base, confirmTimeout: v as number }),
      /^confirmTimeout must be a whole number from 1 to 3600/,
    );
    for (const key of ["dryActivate", "skipChecks", "boot", "magicRollback", "autoRollback"] as const) {
      expectAllRefused(
        ["true", 1, "yes; id", {}, null],
        (v) => deploy(ctx, { ...base, [key]: v as boolean }),
        new RegExp(`^${key} must be true or false`),
      );
    }
    expectAllRefused([null, "frame1"], (v) => deploy(ctx, v as DeployOptions), /^deploy must be an object/);
  });
});
