// Runs the catalogue's command lines through a real /bin/sh against the real local tools
// (Debian nix 2.8, journalctl 252) and feeds the output to the real parsers. Skips what is missing.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOutPath } from "@/lib/nix/build-result";
import { buildProgressFrom } from "@/lib/nix/build-progress";
import { parseJournal } from "@/lib/systemd/journal";
import { build, commandLine, diffClosures, journal, validate } from "./index";

const has = (p: string) => existsSync(p);
const ctx = { sshUser: "root" };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function sh(line: string) {
  return spawnSync("/bin/sh", ["-c", line], { encoding: "utf8", timeout: 120_000 });
}

describe.skipIf(!has("/usr/bin/nix"))("nix commands against real nix", () => {
  let dir = "";
  const stamp = `${process.pid}-${Date.now()}`;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "flake-"));
    dirs.push(dir);
    writeFileSync(
      join(dir, "flake.nix"),
      `{ outputs = { self }: let
      mk = name: deps: builtins.derivation { inherit name deps; system = "x86_64-linux"; builder = "/bin/sh";
        args = [ "-c" "echo building ${stamp}; /bin/mkdir $out; echo $deps > $out/deps" ]; };
      base = mk "int-base-1.0" [];
    in {
      nixosConfigurations.frame1.config.system.build.toplevel = mk "int-system-1.0" [ base ];
      nixosConfigurations.frame2.config.system.build.toplevel = mk "int-system-2.0" [ (mk "int-base-1.1" []) ];
    }; }`,
    );
    execFileSync("git", ["init", "-q", dir]);
    execFileSync("git", ["-C", dir, "add", "flake.nix"]);
  });

  it("validate prints the drv path; build prints the out path and an internal-json log", () => {
    const v = sh(commandLine(validate(ctx, { flakeDir: dir, attr: "frame1", offline: true })));
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/^\/nix\/store\/[0-9a-z]{32}-int-system-1\.0\.drv$/);
    const b = sh(commandLine(build(ctx, { flakeDir: dir, attr: "frame1", offline: true })));
    expect(b.status, b.stderr).toBe(0);
    expect(buildOutPath(b.stdout)).toMatch(/-int-system-1\.0$/);
    const p = buildProgressFrom(b.stderr);
    expect(p.builds).toMatchObject({ done: 2, expected: 2, failed: 0 });
    expect(p.lastLines.map((l) => l.text)).toContain(`building ${stamp}`);
  });

  it("diff-closures compares two real builds", () => {
    const out = (attr: string) => buildOutPath(sh(commandLine(build(ctx, { flakeDir: dir, attr, offline: true }))).stdout);
    const d = sh(commandLine(diffClosures(ctx, out("frame1"), out("frame2"))));
    expect(d.status, d.stderr).toBe(0);
    expect(d.stdout).toContain("int-base: 1.0 → 1.1");
  });
});

const journalRemote = "/lib/systemd/systemd-journal-remote";
describe.skipIf(!has(journalRemote) || !has("/usr/bin/journalctl"))("journal command against real journalctl", () => {
  it("accepts the --unit/--priority/--since/--until/--grep/--lines words it builds", () => {
    const dir = mkdtempSync(join(tmpdir(), "journal-"));
    dirs.push(dir);
    const exported = readFileSync(new URL("../systemd/fixtures/journal.export", import.meta.url));
    execFileSync(journalRemote, ["-o", join(dir, "x.journal"), "-"], { input: exported, stdio: ["pipe", "ignore", "ignore"] });
    const cmd = journal(ctx, {
      units: ["nginx.service"],
      priority: "err",
      since: "2026-11-26T14:01:02.500Z",
      until: "2026-11-26T14:01:04Z",
      grep: "it's bad",
      lines: 10,
    });
    // The only change for the local run: read the captured journal directory instead of the system one.
    const argv = ["journalctl", `--directory=${dir}`, ...cmd.argv.slice(1)];
    const r = sh(commandLine({ ...cmd, argv }));
    expect(r.status, r.stderr).toBe(0);
    expect(parseJournal(r.stdout).entries.map((e) => e.message)).toEqual([
      'upstream timed out (110: Connection timed out) while reading "response"; it\'s bad',
    ]);
  });
});
