import { describe, expect, it } from "vitest";
import {
  build,
  currentSystem,
  diffClosures,
  listGenerations,
  pathInfo,
  PATH_INFO_MAX,
  switchGeneration,
  systemActivatedAt,
  validate,
} from "./nix-commands";
import { commandLine } from "./remote-command";
import { HOSTILE, expectAllRefused, expectRoundTrip } from "./shell-echo.test-support";

const root = { sshUser: "root" };
const admin = { sshUser: "admin" };
const A = "/nix/store/ss5g3zxijsa34qj1v8mjn04ixqzf8qi2-fixture-system-1.0";
const B = "/nix/store/czx39v9dkmrmmkm7g0fg9ra89phss53w-fixture-system-1.1";
const NIX = ["nix", "--extra-experimental-features", "nix-command flakes"];

describe("validate and build", () => {
  const t = { flakeDir: "/srv/homelab", attr: "frame1" };
  it("evaluates the toplevel drvPath of a path flake ref", () => {
    const cmd = validate(admin, t);
    expect(cmd.argv).toEqual([...NIX, "eval", "--raw", "/srv/homelab#nixosConfigurations.frame1.config.system.build.toplevel.drvPath"]);
    expect(cmd).toMatchObject({ kind: "nix.validate", sudo: false, readOnly: true, cancellable: true, longRunning: false });
    expect(commandLine(cmd)).toBe(
      "nix --extra-experimental-features 'nix-command flakes' eval --raw '/srv/homelab#nixosConfigurations.frame1.config.system.build.toplevel.drvPath'",
    );
    expectRoundTrip(cmd);
  });
  it("builds with json output and the internal-json log; offline adds substituters ''", () => {
    const cmd = build(root, { ...t, offline: true });
    expect(cmd.argv).toEqual([
      ...NIX,
      "build",
      "--no-link",
      "--json",
      "--log-format",
      "internal-json",
      "-v",
      "--option",
      "substituters",
      "",
      "/srv/homelab#nixosConfigurations.frame1.config.system.build.toplevel",
    ]);
    expectRoundTrip(cmd);
    expect(build(root, t).argv).not.toContain("substituters");
    expectRoundTrip(validate(root, { flakeDir: "/srv/x", attr: "it's-a_node", offline: true }));
  });
  it("refuses hostile flake dirs, attributes and option types", () => {
    for (const f of [validate, build]) {
      expectAllRefused(HOSTILE, (v) => f(root, { flakeDir: "/srv/homelab", attr: v as string }), /^attribute /);
      expectAllRefused(HOSTILE, (v) => f(root, { flakeDir: v as string, attr: "frame1" }), /^flakeDir /);
      expectAllRefused(["yes", 1, {}], (v) => f(root, { ...t, offline: v as boolean }), /^offline must be true or false/);
      expectAllRefused([null, "x", 5], (v) => f(root, v as typeof t), /^target must be an object/);
    }
  });
});

describe("generations", () => {
  it("lists generations under TZ=UTC, with sudo only for non-root users", () => {
    expect(listGenerations(root)).toMatchObject({
      argv: ["env", "TZ=UTC", "nix-env", "-p", "/nix/var/nix/profiles/system", "--list-generations"],
      sudo: false,
      readOnly: true,
    });
    const cmd = listGenerations(admin);
    expect(cmd.sudo).toBe(true);
    expect(commandLine(cmd)).toBe("sudo -n -- env TZ=UTC nix-env -p /nix/var/nix/profiles/system --list-generations");
    expectRoundTrip(cmd);
  });
  it("switches in two ordered, non-cancellable steps", () => {
    const [sw, act] = switchGeneration(admin, "42");
    expect(sw.argv).toEqual(["nix-env", "-p", "/nix/var/nix/profiles/system", "--switch-generation", "42"]);
    expect(act.argv).toEqual(["/nix/var/nix/profiles/system-42-link/bin/switch-to-configuration", "switch"]);
    for (const c of [sw, act]) {
      expect(c).toMatchObject({ sudo: true, readOnly: false, cancellable: false });
      expectRoundTrip(c);
    }
    expect(switchGeneration(root, 7).map((c) => c.sudo)).toEqual([false, false]);
  });
  it("refuses hostile generation numbers", () => {
    expectAllRefused(
      [...HOSTILE.filter((v) => v !== 42), 0, -3, 2.5, 1e7, "1;reboot", "$(id)"],
      (v) => switchGeneration(root, v),
      /^generation /,
    );
  });
  it("reads the current system in two read-only commands", () => {
    const cmds = currentSystem(admin);
    expect(cmds.map((c) => c.argv)).toEqual([
      ["readlink", "-f", "/run/current-system"],
      ["cat", "/run/current-system/nixos-version"],
    ]);
    cmds.forEach((c) => expect(c).toMatchObject({ sudo: false, readOnly: true }));
  });
  it("reads when the running system was activated (the link's change time), read-only", () => {
    const cmd = systemActivatedAt(admin);
    expect(cmd.argv).toEqual(["stat", "-c", "%Z", "/run/current-system"]);
    expect(cmd).toMatchObject({ sudo: false, readOnly: true, kind: "system.activated" });
    expectRoundTrip(cmd);
  });
});

describe("diffClosures", () => {
  it("compares two validated store paths", () => {
    const cmd = diffClosures(root, A, B);
    expect(cmd.argv).toEqual([...NIX, "store", "diff-closures", A, B]);
    expectRoundTrip(cmd);
  });
  it("refuses anything that is not a store path", () => {
    expectAllRefused([...HOSTILE, "/etc/passwd", `${A}/../../etc`, `${A} ${B}`], (v) => diffClosures(root, v as string, B), /^before /);
    expectAllRefused(HOSTILE, (v) => diffClosures(root, A, v as string), /^after /);
  });
});

describe("pathInfo", () => {
  it("asks the store about validated store paths, read-only, without root", () => {
    const cmd = pathInfo(admin, [A, B]);
    expect(cmd.argv).toEqual([...NIX, "path-info", "--json", A, B]);
    expect(cmd).toMatchObject({ kind: "nix.path-info", sudo: false, readOnly: true, cancellable: true });
    expectRoundTrip(cmd);
  });
  it("refuses anything that is not a store path, no paths and too many", () => {
    expectAllRefused(
      [...HOSTILE, "/etc/passwd", `${A}/../../etc`, `${A} ${B}`, "--json"],
      (v) => pathInfo(admin, [A, v as string]),
      /^paths\[1\] /,
    );
    expect(() => pathInfo(admin, [])).toThrow(/^paths /);
    expect(() => pathInfo(admin, Array(PATH_INFO_MAX + 1).fill(A))).toThrow(/^paths /);
  });
});

describe("context", () => {
  it("refuses hostile SSH users", () => {
    expectAllRefused([...HOSTILE, "Root", "root;id"], (v) => listGenerations({ sshUser: v as string }), /^sshUser /);
    expectAllRefused([null, "root"], (v) => listGenerations(v as { sshUser: string }), /^context /);
  });
});
