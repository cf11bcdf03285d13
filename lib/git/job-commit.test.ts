import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCheckoutState } from "./checkout-state";
import { checkoutLogLine, jobCommitOf } from "./job-commit";

const real = (name: string) => parseCheckoutState(readFileSync(new URL(`../fixtures/real/git/${name}.txt`, import.meta.url), "utf8"));

describe("what a job records of its checkout", () => {
  it("a clean tree: the commit, not dirty", () => {
    const s = real("clean-in-sync");
    expect(jobCommitOf(s)).toEqual({
      commit: "ce166777a851c87feedb1fadd6d759eff4775640",
      commitSubject: "lab: initial homelab flake",
      dirty: false,
      lockHash: null,
    });
    expect(checkoutLogLine(s)).toBe("flake checkout: main at ce16677 'lab: initial homelab flake', clean");
  });
  it("a dirty tree: dirty, and the log names the files", () => {
    const s = real("diverged-dirty");
    expect(jobCommitOf(s)).toMatchObject({ commit: "b5dd21bc7c61a1da85a334f1af6537bf325c68c6", dirty: true });
    expect(checkoutLogLine(s)).toMatch(
      /^flake checkout: main at b5dd21b '.*', uncommitted changes in 4 files \(flake\.nix, gone\.nix, new\.nix, renamed\.nix\)$/,
    );
  });
  it("the flake.lock checksum is recorded and named in the log line", () => {
    const sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    const s = parseCheckoutState(
      `lock\t${sha}\n${readFileSync(new URL("../fixtures/real/git/clean-in-sync.txt", import.meta.url), "utf8")}`,
    );
    expect(jobCommitOf(s).lockHash).toBe(sha);
    expect(checkoutLogLine(s)).toBe("flake checkout: main at ce16677 'lab: initial homelab flake', clean, flake.lock sha256 9f86d081884c");
  });
  it("untracked files only: not dirty; no commits yet; detached HEAD", () => {
    expect(jobCommitOf(real("untracked-only")).dirty).toBe(false);
    expect(jobCommitOf(real("no-commits"))).toEqual({ commit: null, commitSubject: null, dirty: false, lockHash: null });
    expect(checkoutLogLine(real("detached"))).toMatch(/^flake checkout: detached HEAD at ceb8ecb /);
  });
});
