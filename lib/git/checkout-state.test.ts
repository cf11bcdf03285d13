import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commitLabel, parseCheckoutState, unquotePath } from "./checkout-state";

const real = (name: string) => readFileSync(new URL(`../fixtures/real/git/${name}.txt`, import.meta.url), "utf8");

describe("parseCheckoutState on real git 2.39 output", () => {
  it("a clean checkout in step with its upstream", () => {
    const s = parseCheckoutState(real("clean-in-sync"));
    expect(s).toMatchObject({
      branch: "main",
      upstream: "origin/main",
      ahead: 0,
      behind: 0,
      dirty: false,
      changes: [],
      untracked: [],
      incoming: [],
    });
    expect(s.head).toEqual({
      hash: "ce166777a851c87feedb1fadd6d759eff4775640",
      short: "ce16677",
      date: "2026-12-05T10:02:00+01:00",
      author: "Lab Admin",
      subject: "lab: initial homelab flake",
    });
    expect(s.unrecognised.count).toBe(0);
  });

  it("one commit behind after a fetch, listed as incoming", () => {
    const s = parseCheckoutState(real("behind-1"));
    expect(s).toMatchObject({ ahead: 0, behind: 1, dirty: false });
    expect(s.incoming.map((c) => [c.short, c.subject])).toEqual([["ceb8ecb", "grafana: bump to 11.3"]]);
    expect(s.unrecognised.count).toBe(0);
  });

  it("diverged and dirty: every kind of change, quoted names, a subject with a tab", () => {
    const s = parseCheckoutState(real("diverged-dirty"));
    expect(s).toMatchObject({ branch: "main", ahead: 3, behind: 1, dirty: true });
    expect(s.head?.subject).toBe("frame1: variant changed \u2014 with a tab\tin it");
    expect(s.changes).toEqual([
      { xy: ".M", kind: "modified", path: "flake.nix", from: null },
      { xy: ".D", kind: "deleted", path: "gone.nix", from: null },
      { xy: "R.", kind: "renamed", path: "new.nix", from: "old name.nix" },
      { xy: "A.", kind: "added", path: "renamed.nix", from: null },
    ]);
    expect(s.untracked).toEqual(["notes with space.txt", "čeština.txt"]);
    expect(s.incoming).toHaveLength(1);
    expect(s.unrecognised.count).toBe(0);
  });

  it("untracked files alone do not make the tree dirty (nix builds tracked files)", () => {
    const s = parseCheckoutState(real("untracked-only"));
    expect(s).toMatchObject({ dirty: false, untracked: ["scratch.txt"], changes: [] });
  });

  it("detached HEAD, no upstream, a gone upstream, no commits", () => {
    expect(parseCheckoutState(real("detached"))).toMatchObject({ branch: null, upstream: null, ahead: null, behind: null });
    expect(parseCheckoutState(real("no-upstream"))).toMatchObject({ branch: "main", upstream: null, ahead: null });
    expect(parseCheckoutState(real("upstream-gone"))).toMatchObject({
      branch: "feature",
      upstream: "origin/feature",
      ahead: null,
      behind: null,
    });
    const empty = parseCheckoutState(real("no-commits"));
    expect(empty).toMatchObject({ branch: "main", head: null, dirty: false });
    expect(empty.unrecognised.count).toBe(0);
  });

  it("keeps what it cannot read as unrecognised instead of dropping it", () => {
    const s = parseCheckoutState(`${real("clean-in-sync")}something new\ncommit\tnot-a-hash\n`);
    expect(s.unrecognised.count).toBe(2);
    expect(s.unrecognised.sample).toEqual(["something new", "commit\tnot-a-hash"]);
    const bad = parseCheckoutState("commit\tzz\t2026\tx\ty\n# branch.oid (initial)\n");
    expect(bad.head).toBeNull();
    expect(bad.unrecognised.count).toBe(1);
  });

  it("notices when the commit line and the status disagree on HEAD", () => {
    const s = parseCheckoutState(real("clean-in-sync").replace("# branch.oid ce1", "# branch.oid ab1"));
    expect(s.unrecognised.count).toBe(1);
  });

  it("bounds a huge list of changes", () => {
    const lines = Array.from({ length: 500 }, (_, i) => `? file${i}`).join("\n");
    expect(parseCheckoutState(lines).untracked).toHaveLength(200);
  });
});

describe("parseCheckoutState: the flake.lock checksum line", () => {
  const sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  it("reads `lock<TAB>sha256`; none without a flake.lock", () => {
    expect(parseCheckoutState(`lock\t${sha}\n${real("clean-in-sync")}`).lockHash).toBe(sha);
    expect(parseCheckoutState(real("clean-in-sync")).lockHash).toBeNull();
  });
  it("a malformed lock line is unrecognised, never a wrong checksum", () => {
    for (const bad of [`lock\t${sha.toUpperCase()}`, `lock\t${sha}x`, "lock\t", `lock\t${sha}\textra`]) {
      const s = parseCheckoutState(`${bad}\n`);
      expect(s.lockHash).toBeNull();
      expect(s.unrecognised.count).toBe(1);
    }
  });
});

describe("unquotePath and commitLabel", () => {
  it("undoes git's C quoting", () => {
    expect(unquotePath('"\\304\\215e\\305\\241tina.txt"')).toBe("čeština.txt");
    expect(unquotePath('"tab\\there \\"q\\" back\\\\"')).toBe('tab\there "q" back\\');
    expect(unquotePath("plain name")).toBe("plain name");
  });
  it("names a commit as the pages do", () => {
    expect(commitLabel({ short: "a1b2c3d", subject: "grafana: bump" })).toBe("a1b2c3d 'grafana: bump'");
    expect(commitLabel({ hash: "a1b2c3d4e5", subject: null })).toBe("a1b2c3d");
    expect(commitLabel({ short: "a1b2c3d", subject: "x".repeat(100) })).toHaveLength(7 + 2 + 72 + 1);
  });
});
