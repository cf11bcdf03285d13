import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { CommandInputError } from "./errors";
import { flakeAttr, flakeDir, generationNumber, nodeName, profileName, programPath, storePath, unitName } from "./names";
import { HOSTILE } from "./shell-echo.test-support";

const STORE = "/nix/store/iih8gn53729y0xhgr871cakww52jk9fg-nixos-system-frame1";

describe("name validators", () => {
  const cases: [string, (v: unknown) => unknown, unknown[]][] = [
    ["flakeAttr", flakeAttr, ["frame1", "_x", "it's-ok", "a".repeat(100)]],
    ["nodeName", nodeName, ["frame1", "build-host"]],
    ["profileName", profileName, ["system", "home_manager"]],
    ["unitName", unitName, ["nginx.service", "getty@tty1.service", "sys-fs-fuse.mount", "a:b.timer"]],
    ["storePath", storePath, [STORE, "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-a+b_c?d=e.f"]],
    ["flakeDir", flakeDir, ["/srv/homelab", "/home/me/src/home.lab_v2"]],
    ["programPath", programPath, ["deploy", "/usr/local/bin/deploy", "deploy-rs"]],
  ];
  for (const [name, fn, good] of cases) {
    it(`${name} accepts good values`, () => {
      for (const v of good) expect(fn(v)).toBe(v);
    });
    it(`${name} refuses every hostile value with a CommandInputError`, () => {
      for (const v of HOSTILE) {
        let err: unknown;
        try {
          fn(v);
        } catch (e) {
          err = e;
        }
        expect(err, `${name}(${JSON.stringify(v)?.slice(0, 30)})`).toBeInstanceOf(CommandInputError);
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as CommandInputError).code).toBe("invalid_input");
      }
    });
  }

  it("messages name the field and the rule, and never echo raw control or non-ASCII bytes", () => {
    expect(() => nodeName("fr\u0430me1")).toThrow(
      'node must be letters, digits, _ \' - (starting with a letter or _), at most 100 characters (got "fr\\u{430}me1")',
    );
    expect(() => nodeName("a\nb")).toThrow("node must not contain control characters or newlines");
    expect(() => nodeName("-oProxyCommand=id")).toThrow('node must not start with "-"');
    expect(() => nodeName(42)).toThrow("node must be a string (got a number)");
    expect(() => nodeName("x".repeat(10_000))).toThrow(/at most 100 characters \(got "x{40}\.\.\. \(10000 chars\)"\)/);
    try {
      unitName("evil;.service", "units[2]");
    } catch (e) {
      expect((e as CommandInputError).fields).toEqual({ "units[2]": expect.stringContaining("systemd unit name") });
    }
  });

  it("refuses paths with dot segments, store paths with bad hashes or '..'", () => {
    expect(() => flakeDir("/srv/../etc")).toThrow(/segments/);
    expect(() => flakeDir("/srv/./x")).toThrow(/segments/);
    expect(() => flakeDir("/srv/-x")).toThrow(/segments/);
    expect(() => flakeDir("relative/dir")).toThrow(/absolute path/);
    expect(() => flakeDir("/srv/flake#attr")).toThrow(CommandInputError);
    expect(() => storePath(STORE + "/bin/sh")).toThrow(CommandInputError);
    expect(() => storePath("/nix/store/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-x")).toThrow(CommandInputError);
    expect(() => storePath("/nix/store/iih8gn53729y0xhgr871cakww52jk9fg-..x")).toThrow(CommandInputError);
  });

  it("generation numbers: positive integers up to 1e6, as number or digits", () => {
    expect(generationNumber(7)).toBe(7);
    expect(generationNumber("42")).toBe(42);
    expect(generationNumber(1_000_000)).toBe(1_000_000);
    for (const bad of [
      0,
      -1,
      1.5,
      1_000_001,
      NaN,
      Infinity,
      "007",
      "1e3",
      " 4",
      "4;id",
      "-4",
      "",
      null,
      {},
      [1],
      ...HOSTILE.filter((v) => v !== 42),
    ]) {
      expect(() => generationNumber(bad), String(bad)).toThrow(CommandInputError);
    }
  });
});
