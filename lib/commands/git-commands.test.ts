import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { commandLine } from "./remote-command";
import { GIT_STATE_SCRIPT, gitFastForward, gitFetch, gitState } from "./git-commands";
import { parseCheckoutState } from "../git/checkout-state";

const ctx = { sshUser: "admin" };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("git commands", () => {
  it("pass the checkout as an argument, never inside the script", () => {
    const cmd = gitState(ctx, "/home/admin/homelab");
    expect(cmd.argv).toEqual(["sh", "-c", GIT_STATE_SCRIPT, "panel-git-state", "/home/admin/homelab"]);
    expect(cmd).toMatchObject({ kind: "git.state", readOnly: true, sudo: false });
    expect(gitFetch(ctx, "/home/admin/homelab").argv).toEqual([
      "env",
      "GIT_TERMINAL_PROMPT=0",
      "git",
      "-C",
      "/home/admin/homelab",
      "fetch",
      "--quiet",
    ]);
  });

  it.each(["relative/dir", "/home/$(reboot)", "/home/a b", "/home/../etc", "-rf", "/x;rm -rf /", "/x\nid", "/home/-x"])(
    "refuse the directory %j",
    (dir) => {
      expect(() => gitState(ctx, dir)).toThrow(/flakeDir/);
      expect(() => gitFetch(ctx, dir)).toThrow(/flakeDir/);
    },
  );

  it("fast-forward takes only a full commit hash", () => {
    const hash = "ceb8ecb3b553f77a16e41dadc03861f621f4ed1d";
    expect(gitFastForward(ctx, "/home/admin/homelab", hash)).toMatchObject({
      kind: "git.fast-forward",
      argv: ["git", "-C", "/home/admin/homelab", "merge", "--ff-only", "--quiet", hash],
      readOnly: false,
      cancellable: false,
    });
    for (const bad of ["ceb8ecb", "HEAD", "--upload-pack=x", `${hash};id`, hash.toUpperCase(), 42, null])
      expect(() => gitFastForward(ctx, "/home/admin/homelab", bad)).toThrow(/commit/);
  });

  it("the command line, run by a real shell in a real repository, reads its state", () => {
    const d = mkdtempSync(join(tmpdir(), "committrace-cmd-"));
    dirs.push(d);
    const env = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
    execFileSync("git", ["-c", "init.defaultBranch=main", "init", "-q", d], { env });
    execFileSync("git", ["-C", d, "-c", "user.name=T", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "first"], { env });
    const out = execFileSync("sh", ["-c", commandLine(gitState(ctx, d))], { env, encoding: "utf8" });
    expect(out).toMatch(/^commit\t[0-9a-f]{40}\t\S+\tT\tfirst\n# branch\.oid [0-9a-f]{40}\n# branch\.head main\n$/);
  });

  it("with a flake.lock, the same read gives the lock's sha256 (what jobs record as lockHash)", () => {
    const d = mkdtempSync(join(tmpdir(), "committrace-lock-"));
    dirs.push(d);
    const env = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
    const lock = '{\n  "nodes": { "root": {} },\n  "root": "root",\n  "version": 7\n}\n';
    writeFileSync(join(d, "flake.lock"), lock);
    execFileSync("git", ["-c", "init.defaultBranch=main", "init", "-q", d], { env });
    execFileSync("git", ["-C", d, "add", "flake.lock"], { env });
    execFileSync("git", ["-C", d, "-c", "user.name=T", "-c", "user.email=t@t", "commit", "-q", "-m", "lock"], { env });
    const out = execFileSync("sh", ["-c", commandLine(gitState(ctx, d))], { env, encoding: "utf8" });
    const s = parseCheckoutState(out);
    expect(s.lockHash).toBe(createHash("sha256").update(lock).digest("hex"));
    expect(s.unrecognised.count).toBe(0);
  });
});
