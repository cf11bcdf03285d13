import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFlakeLock } from "./flake-lock";
import { diffLocks, inputChangeLine } from "./lock-diff";

const real = (name: string) => readFileSync(new URL(`../fixtures/real/flake-lock/${name}.json`, import.meta.url), "utf8");
const derived = (name: string) => readFileSync(new URL(`../fixtures/derived/flake-lock/${name}.json`, import.meta.url), "utf8");

const byInput = (text1: string, text2: string) => {
  const d = diffLocks(text1, text2);
  if (!d.ok) throw new Error(d.error);
  return { d, get: (name: string) => d.changes.find((c) => c.input === name)! };
};

describe("parseFlakeLock on real nix 2.8 locks", () => {
  it("git, path and tarball inputs, and a follows of an input's input", () => {
    const l = parseFlakeLock(real("lock-1-initial"));
    if (!l.ok) throw new Error(l.error);
    expect([...l.inputs.keys()]).toEqual(["liba", "libb", "libb/liba", "libc"]);
    expect(l.inputs.get("libb/liba")).toEqual({ path: "libb/liba", ref: null, follows: "liba" });
    expect(l.inputs.get("liba")?.ref).toMatchObject({
      type: "git",
      location: "file:///tmp/flake-cap/lib-a",
      ref: "main",
      rev: "1705772a2d1bde0b9be7795a7ca38ffffc44ef6d",
      lastModified: new Date(1796523929 * 1000).toISOString(),
    });
    expect(l.inputs.get("libc")?.ref).toMatchObject({ type: "tarball", rev: null, lastModified: null });
    expect(l.inputs.get("libb")?.ref).toMatchObject({ type: "path", location: "/tmp/flake-cap/lib-b" });
  });
});

describe("diffLocks", () => {
  it("nix flake update of git, path and tarball inputs (real locks)", () => {
    const { d, get } = byInput(real("lock-1-initial"), real("lock-2-updated"));
    expect(d.updated).toBe(3);
    expect(get("liba")).toMatchObject({
      kind: "updated",
      oldType: "git",
      newType: "git",
      oldRev: "1705772",
      newRev: "22b025e",
      narHashChanged: true,
      compareUrl: null,
    });
    expect(get("libb")).toMatchObject({ kind: "updated", oldType: "path", oldRev: null, narHashChanged: true });
    expect(get("libb").oldDate).not.toBe(get("libb").newDate);
    expect(get("libc")).toMatchObject({ kind: "updated", oldType: "tarball", newType: "tarball", narHashChanged: true, oldDate: null });
    expect(get("libb/liba")).toMatchObject({ kind: "unchanged", oldFollows: "liba", newFollows: "liba" });
    expect(inputChangeLine(get("libc"))).toBe("libc: tarball, content changed");
    expect(inputChangeLine(get("liba"))).toMatch(/^liba: 1705772 \(\d{4}-\d\d-\d\d\) → 22b025e \(\d{4}-\d\d-\d\d\)$/);
  });

  it("one input updated with --update-input: the others unchanged", () => {
    const { d, get } = byInput(real("lock-2-updated"), real("lock-3-liba-only"));
    expect(d.changes.filter((c) => c.kind !== "unchanged").map((c) => c.input)).toEqual(["liba"]);
    expect(get("liba")).toMatchObject({ oldRev: "22b025e", newRev: "50db94f" });
  });

  it("inputs added and removed, a follows replaced by a locked node", () => {
    const { get } = byInput(real("lock-3-liba-only"), real("lock-4-added-removed"));
    expect(get("libc")).toMatchObject({ kind: "removed", oldType: "tarball", newType: null });
    expect(get("libd")).toMatchObject({ kind: "added", oldType: null, newType: "git", newRev: "50db94f" });
    expect(get("libb/liba")).toMatchObject({ kind: "updated", oldFollows: "liba", newFollows: null, newRev: "50db94f" });
    expect(inputChangeLine(get("libb/liba"))).toMatch(/^libb\/liba: follows liba → 50db94f/);
    expect(inputChangeLine(get("libc"))).toBe("libc: removed (was tarball)");
  });

  it("GitHub inputs get a compare link; follows, flake = false and a tarball channel", () => {
    const { d, get } = byInput(derived("github-before"), derived("github-after"));
    const before = JSON.parse(derived("github-before")).nodes;
    const after = JSON.parse(derived("github-after")).nodes;
    expect(get("nixpkgs")).toMatchObject({
      kind: "updated",
      oldType: "github",
      source: "github:NixOS/nixpkgs",
      compareUrl: `https://github.com/NixOS/nixpkgs/compare/${before.nixpkgs.locked.rev}...${after.nixpkgs.locked.rev}`,
      newDate: "2025-12-08T17:40:01.000Z",
    });
    expect(get("home-manager").compareUrl).toContain("https://github.com/nix-community/home-manager/compare/");
    expect(get("home-manager/nixpkgs")).toMatchObject({ kind: "unchanged", newFollows: "nixpkgs" });
    expect(get("deploy-rs")).toMatchObject({ kind: "unchanged", compareUrl: null });
    expect(get("deploy-rs/utils/systems")).toMatchObject({ kind: "unchanged", newType: "github" });
    expect(get("nixpkgs-channel")).toMatchObject({ kind: "updated", newType: "tarball", compareUrl: null });
    expect(d.updated).toBe(3);
  });

  it("identical locks: nothing updated", () => {
    const { d } = byInput(real("lock-2-updated"), real("lock-2-updated"));
    expect(d.updated).toBe(0);
    expect(d.changes.every((c) => c.kind === "unchanged")).toBe(true);
  });

  it("never throws: not JSON, wrong shapes, other versions, cycles, hostile names", () => {
    expect(diffLocks("", "{}")).toEqual({ ok: false, error: "old flake.lock is not JSON" });
    expect(diffLocks(real("lock-1-initial"), "[]")).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^new flake.lock does not have/),
    });
    expect(diffLocks(real("lock-1-initial"), '{"nodes":{},"root":"root","version":5}')).toMatchObject({
      ok: false,
      error: expect.stringContaining("version 5"),
    });
    expect(diffLocks(real("lock-1-initial"), '{"nodes":{},"root":"root","version":7}')).toMatchObject({
      ok: false,
      error: expect.stringContaining("no root"),
    });
    const cyclic = JSON.stringify({
      version: 7,
      root: "r",
      nodes: { r: { inputs: { a: "a" } }, a: { inputs: { r: "r", me: "a" }, locked: { type: "git", url: "x" } } },
    });
    const c = diffLocks(cyclic, cyclic);
    expect(c.ok && c.changes.length).toBeLessThan(10);
    const evil = (rev: string, owner: string) =>
      JSON.stringify({
        version: 7,
        root: "r",
        nodes: { r: { inputs: { x: "x" } }, x: { locked: { type: "github", owner, repo: "r", rev } } },
      });
    const { get } = byInput(evil("a".repeat(40), "o"), evil("b".repeat(40), "../../evil?x="));
    expect(get("x").compareUrl).toBeNull();
    const { get: get2 } = byInput(evil("a".repeat(40), "o"), evil("not-a-rev", "o"));
    expect(get2("x").compareUrl).toBeNull();
  });
});
