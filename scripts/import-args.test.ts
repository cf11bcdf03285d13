import { describe, expect, it } from "vitest";
import { parseImportArgs } from "./import-args";

describe("npm run import arguments", () => {
  it("reads homepage, homepage-flake and flake imports; preview unless --apply", () => {
    expect(parseImportArgs(["homepage", "services.yaml"])).toEqual({
      source: "homepage",
      file: "services.yaml",
      kind: "services",
      env: null,
      apply: false,
    });
    expect(parseImportArgs(["homepage", "conf/bookmarks.yaml", "--apply"])).toEqual({
      source: "homepage",
      file: "conf/bookmarks.yaml",
      kind: "bookmarks",
      env: null,
      apply: true,
    });
    expect(parseImportArgs(["homepage", "homepage.nix", "--env", "/run/secrets/homepage.env"])).toMatchObject({
      file: "homepage.nix",
      env: "/run/secrets/homepage.env",
    });
    expect(parseImportArgs(["homepage", "hp.json", "--bookmarks"])).toMatchObject({ kind: "bookmarks" });
    expect(parseImportArgs(["homepage-flake", "frame1", "--attr", "frame1", "--bookmarks"])).toEqual({
      source: "homepage-flake",
      machine: "frame1",
      attr: "frame1",
      flakeDir: null,
      kind: "bookmarks",
      env: null,
      apply: false,
    });
    expect(parseImportArgs(["flake", "frame2"])).toEqual({ source: "flake", machine: "frame2", flakeDir: null, apply: false });
    expect(parseImportArgs(["flake", "frame2", "--flake-dir", "/srv/homelab", "--apply"])).toEqual({
      source: "flake",
      machine: "frame2",
      flakeDir: "/srv/homelab",
      apply: true,
    });
  });

  it("refuses what it does not know", () => {
    expect(parseImportArgs([])).toEqual({ error: 'unknown source "" (homepage, homepage-flake or flake)' });
    expect(parseImportArgs(["flake", "--apply"])).toEqual({ error: "missing the file or machine" });
    expect(parseImportArgs(["homepage", "a.yaml", "--aply"])).toEqual({ error: "unknown argument --aply" });
    expect(parseImportArgs(["homepage", "a.yaml", "--flake-dir", "/x"])).toEqual({ error: "unknown argument --flake-dir" });
    expect(parseImportArgs(["flake", "frame2", "extra"])).toEqual({ error: "unknown argument extra" });
    expect(parseImportArgs(["flake", "frame2", "--bookmarks"])).toEqual({ error: "unknown argument --bookmarks" });
    expect(parseImportArgs(["flake", "frame2", "--flake-dir"])).toEqual({ error: "--flake-dir needs a value" });
    expect(parseImportArgs(["homepage", "a.yaml", "--env"])).toEqual({ error: "--env needs a value" });
    expect(parseImportArgs(["flake", "frame2", "--env", "x.env"])).toEqual({ error: "unknown argument --env" });
    expect(parseImportArgs(["homepage-flake", "frame2", "--attr", "--apply"])).toEqual({ error: "--attr needs a value" });
    expect(parseImportArgs(["docker", "x"])).toEqual({ error: 'unknown source "docker" (homepage, homepage-flake or flake)' });
  });
});
