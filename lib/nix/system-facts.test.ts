import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SYSTEM_FACTS_SCRIPT, systemFacts } from "../commands/system-commands";
import { isActivatable, parseSystemFacts, profileGenerationOf } from "./system-facts";

const TOP = "/nix/store/0a1b2c3d4f5g6h7i8j9k0l1m2n3p4q5r-nixos-system-frame1-24.11.20261126.abc";
const WRAP = "/nix/store/9z8y7x6w5v4s3r2q1p0n9m8l7k6j5i4h-activatable-nixos-system-frame1-24.11.20261126.abc";

describe("system facts", () => {
  it("reads generations, the wrapper and the toplevel inside it", () => {
    const f = parseSystemFacts(
      [
        `current\t${TOP}`,
        "version\t24.11.20261126.abc",
        `booted\t${TOP}`,
        "profile\tsystem-12-link",
        `generation\t12\t1796400000\t${WRAP}\t${TOP}\t24.11.20261126.abc`,
        `generation\t3\t1796300000\t${TOP}\t${TOP}\t24.11.20261126.abc`,
        `path\t${WRAP}\t${TOP}`,
        "end",
      ].join("\n"),
    );
    expect(f).toMatchObject({ current: TOP, version: "24.11.20261126.abc", profileGeneration: 12, complete: true, unrecognised: [] });
    expect(f.generations.map((g) => [g.number, g.wrapped])).toEqual([
      [3, false],
      [12, true],
    ]);
    expect(profileGenerationOf(f)).toMatchObject({ number: 12, target: WRAP, toplevel: TOP, createdAt: 1796400000_000 });
    expect(f.paths[WRAP]).toBe(TOP);
    expect(isActivatable(WRAP)).toBe(true);
    expect(isActivatable(TOP)).toBe(false);
  });

  it("is total: odd lines are kept as unrecognised, a cut-off answer is not complete", () => {
    const f = parseSystemFacts(`current\t/etc/passwd\nprofile\tsystem-x-link\ngeneration\t1\tbad\nwhat is this\n`);
    expect(f).toMatchObject({ current: null, profileGeneration: null, generations: [], complete: false });
    expect(f.unrecognised).toEqual(["profile\tsystem-x-link", "generation\t1\tbad", "what is this"]);
    expect(parseSystemFacts("").complete).toBe(false);
  });

  it("the command passes store paths as arguments, never in the script, and refuses anything else", () => {
    const cmd = systemFacts({ sshUser: "admin" }, [WRAP]);
    expect(cmd).toMatchObject({ kind: "system.facts", sudo: false, readOnly: true });
    expect(cmd.argv.slice(0, 2)).toEqual(["sh", "-c"]);
    expect(cmd.argv.slice(3)).toEqual(["panel-system-facts", WRAP]);
    expect(() => systemFacts({ sshUser: "admin" }, ["/nix/store/x; rm -rf /"])).toThrow();
    expect(() => systemFacts({ sshUser: "admin" }, ["-n"])).toThrow();
  });
});

// The script itself, run by a real /bin/sh on a fake profile tree: the same lines a NixOS machine
// gives (the paths are not /nix/store paths here, so only the shape and the wrapper walk are checked).
describe("the system facts script under /bin/sh", () => {
  const dir = mkdtempSync(join(tmpdir(), "facts-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("follows a wrapper's nixos-version link to the toplevel", () => {
    const top = join(dir, "toplevel");
    const wrap = join(dir, "wrapper");
    mkdirSync(top);
    mkdirSync(wrap);
    writeFileSync(join(top, "nixos-version"), "24.11.test\n");
    symlinkSync(join(top, "nixos-version"), join(wrap, "nixos-version"));
    const script = SYSTEM_FACTS_SCRIPT.replace("p=/nix/var/nix/profiles/system", `p=${join(dir, "system")}`);
    symlinkSync(wrap, join(dir, "system-7-link"));
    symlinkSync("system-7-link", join(dir, "system"));
    const out = execFileSync("/bin/sh", ["-c", script, "facts", wrap, join(dir, "missing")], { encoding: "utf8" });
    const lines = out.trim().split("\n");
    expect(lines).toContain("profile\tsystem-7-link");
    expect(
      lines
        .find((l) => l.startsWith("generation\t7\t"))
        ?.split("\t")
        .slice(3),
    ).toEqual([wrap, top, "24.11.test"]);
    expect(lines).toContain(`path\t${wrap}\t${top}`);
    expect(lines).toContain(`path\t${join(dir, "missing")}\t`);
    expect(lines.at(-1)).toBe("end");
  });
});
