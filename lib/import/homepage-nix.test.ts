// .nix files given to the Homepage import, evaluated with the REAL nix-instantiate (Debian's
// nix-bin). Its absence is simulated by configuration (nixInstantiate: "off" or a path that does
// not exist), not by mocking child_process.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { derivedHomepagePath as derived } from "../fixtures/derived/homepage/read.test-support";
import { HOMEPAGE_MODULE_EXPRESSION } from "./homepage/nix-expression";
import { evaluateHomepageNix, evaluateHomepageNixText, HomepageNixError } from "./homepage-nix";
import { planHomepage } from "./plan-homepage";

const NIX = "nix-instantiate";
const available = (() => {
  try {
    execFileSync(NIX, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const dir = mkdtempSync(join(tmpdir(), "homepage-nix-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const evaluate = (path: string, opts = {}) => evaluateHomepageNix(path, { nixInstantiate: NIX, ...opts });
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(HomepageNixError);
    return (err as Error).message;
  }
  throw new Error("evaluated");
}

describe("without nix-instantiate (by configuration)", () => {
  it("NIX_INSTANTIATE=off or a missing binary: the message points to the flake import", async () => {
    const path = derived("module-services-list.nix");
    expect(await failure(evaluateHomepageNix(path, { nixInstantiate: "off" }))).toBe(
      "Reading a .nix file needs nix-instantiate on the panel's machine, which is not available (NIX_INSTANTIATE=off). Load it from the flake instead (Import → From Homepage → Load services.homepage-dashboard from the flake), or paste the output of nix eval --json …config.services.homepage-dashboard.",
    );
    expect(await failure(evaluateHomepageNix(path, { nixInstantiate: join(dir, "no-such-nix-instantiate") }))).toMatch(
      /^Reading a \.nix file needs nix-instantiate on the panel's machine, which is not available \(.*no-such-nix-instantiate\)\. Load it from the flake instead/,
    );
  });
});

describe.skipIf(!available)("with the real nix-instantiate", () => {
  it("the evaluator expression parses", () => {
    const run = spawnSync(NIX, ["--parse", "-E", HOMEPAGE_MODULE_EXPRESSION], { encoding: "utf8" });
    expect({ status: run.status, stderr: run.status === 0 ? "" : run.stderr }).toEqual({ status: 0, stderr: "" });
  });

  it("reads a module ({ config, ... }: { services.homepage-dashboard = ... }) into the JSON the import plans from", async () => {
    const json = await evaluate(derived("module-services-list.nix"));
    expect(JSON.parse(json)).toEqual({
      services: [
        {
          Home: [
            { Immich: { description: "Photo library", href: "http://frame2:2283" } },
            { "Paperless-ngx": { description: "Scanned letters", href: "http://frame2:28981/documents" } },
            { Jellyfin: { description: "Films and series", href: "http://frame2:8096/web/#/home" } },
          ],
        },
      ],
      bookmarks: [],
      widgets: [],
    });
    const { plan } = planHomepage(json, "services", { machines: [], services: [] });
    expect(plan.entries.map((e) => [e.path, e.action, e.key])).toEqual([
      ["Home / Immich", "add", "immich"],
      ["Home / Paperless-ngx", "add", "paperless-ngx"],
      ["Home / Jellyfin", "add", "jellyfin"],
    ]);
  });

  it("a module using inputs, config, lib and pkgs evaluates as long as the Homepage options do not need them (widgets listed, not imported)", async () => {
    const json = await evaluate(derived("module-widgets-only.nix"));
    expect(JSON.parse(json)).toMatchObject({
      services: [],
      bookmarks: [],
      widgets: [
        { greeting: { text: "frame1" } },
        { resources: { cpu: true, disk: ["/", "/var/lib"] } },
        { datetime: {} },
        { openmeteo: { latitude: 50.08 } },
      ],
    });
    const { plan } = planHomepage(json, "services", { machines: [], services: [] });
    expect(plan.warnings).toEqual([
      "Info widgets (greeting, resources, datetime, openmeteo) are not imported: the panel does not show Homepage widgets.",
      "No services found.",
    ]);
  });

  it("modules Homepage cannot read as they are get a clear message", async () => {
    // Services as a set of groups built with config: refused before config is needed.
    expect(await failure(evaluate(derived("module-services-attrset.nix"), { displayName: "services.nix" }))).toBe(
      "services.nix: services.homepage-dashboard.services is a set, not the list of groups Homepage reads ([ { Group = [ { Service = { href = ...; }; } ]; } ]).",
    );
    // Entries as field maps without names: evaluated fine, then one message per entry.
    const json = await evaluate(derived("module-nameless-entries.nix"));
    const { plan } = planHomepage(json, "services", { machines: [], services: [] });
    expect(plan.counts).toEqual({ add: 0, change: 0, unchanged: 0, skipped: 5 });
    expect(plan.entries.map((e) => e.path)).toEqual([
      "Tailnet / Grafana",
      "Tailnet / VictoriaMetrics",
      "Tailnet / Loki",
      "Tailnet / Syncthing",
      "Tailnet / Navidrome",
    ]);
    expect(plan.entries[0]).toMatchObject({
      path: "Tailnet / Grafana",
      reason: expect.stringMatching(/^This entry is a list of fields \("icon", "name", "url"\) with no name above them/),
    });
  });

  it("pushes mkIf / mkMerge / mkForce / mkBefore down and follows imports, as the module system does for list options", async () => {
    file(
      "extra.nix",
      `{ lib, ... }: { services.homepage-dashboard.services = lib.mkBefore [ { First = [ { A = { href = "http://a.lan"; }; } ]; } ]; }`,
    );
    file(
      "forced.nix",
      `{ lib, ... }: { services.homepage-dashboard.bookmarks = lib.mkForce [ { Kept = [ { K = [ { href = "https://k.lan"; } ]; } ]; } ]; }`,
    );
    const main = file(
      "main.nix",
      `{ config, lib, pkgs, ... }:
let cfg = config.services.homepage-dashboard; in {
  imports = [ ./extra.nix ./forced.nix ];
  options.my.enable = lib.mkEnableOption "mine";
  config = lib.mkMerge [
    { services.homepage-dashboard.services = [ { Second = lib.mapAttrsToList (n: v: { \${n} = { href = v; }; }) { B = "http://b.lan"; }; } ]; }
    (lib.mkIf false { services.homepage-dashboard.services = [ { Never = [ ]; } ]; })
    (lib.mkIf true { services.homepage-dashboard.bookmarks = [ { Dropped = [ ]; } ]; })
    { services.homepage-dashboard.widgets = lib.optionals true [ { datetime = { }; } ]; }
  ];
}`,
    );
    expect(JSON.parse(await evaluate(main))).toEqual({
      services: [{ First: [{ A: { href: "http://a.lan" } }] }, { Second: [{ B: { href: "http://b.lan" } }] }],
      bookmarks: [{ Kept: [{ K: [{ href: "https://k.lan" }] }] }],
      widgets: [{ datetime: {} }],
    });
  });

  it("a module that needs config names it and points to the flake", async () => {
    const path = file(
      "uses-config.nix",
      `{ config, ... }:\n{\n  services.homepage-dashboard.services = [ { G = [ { S = { href = "http://\${config.networking.hostName}"; }; } ]; } ];\n}\n`,
    );
    expect(await failure(evaluate(path, { displayName: "uses-config.nix" }))).toMatch(
      /^uses-config\.nix uses config, which only a whole NixOS configuration has\. Load it from the flake instead/,
    );
  });

  it("the evaluation stays in the file's directory: no other paths, no <nixpkgs>, no network", async () => {
    const cases: [string, RegExp][] = [
      [
        `{ ... }: { services.homepage-dashboard.services = [ { G = [ { S = { description = builtins.readFile /etc/hostname; }; } ]; } ]; }`,
        /reads \/etc\/hostname .*outside its own directory or from the network/,
      ],
      [`{ ... }: { services.homepage-dashboard.services = import <nixpkgs> { }; }`, /nixpkgs|not available|forbidden|was not found/],
      [
        `{ ... }: { services.homepage-dashboard.services = import (builtins.fetchurl "http://127.0.0.1:9/x.nix"); }`,
        /reads http:\/\/127\.0\.0\.1:9\/x\.nix.*outside its own directory or from the network/,
      ],
      [`{ ... }: { imports = [ ../outside.nix ]; }`, /outside\.nix.*outside its own directory/],
    ];
    for (const [text, message] of cases)
      expect(await failure(evaluateHomepageNixText(text, "bad.nix", { nixInstantiate: NIX }))).toMatch(message);
  });

  it("names the line of the file where nix reports one", async () => {
    const path = file(
      "lib-gap.nix",
      `{ lib, ... }:\n{\n  services.homepage-dashboard.services = [ { A = [ { B = { href = lib.nonexistent "x"; }; } ]; } ];\n}\n`,
    );
    expect(await failure(evaluate(path, { displayName: "lib-gap.nix" }))).toBe(
      "lib-gap.nix: attribute 'nonexistent' missing (lib-gap.nix, line 3). The file gets a small stand-in for lib and nothing of the rest of the configuration. Load it from the flake instead (Import → From Homepage → Load services.homepage-dashboard from the flake), or paste the output of nix eval --json …config.services.homepage-dashboard.",
    );
  });

  it("sees none of the panel's environment (builtins.getEnv)", async () => {
    const path = file(
      "getenv.nix",
      `{ services = [ { G = [ { S = { description = "[\${builtins.getEnv "PANEL_TEST_SECRET"}][\${builtins.getEnv "NIX_PATH"}]"; }; } ]; } ]; }`,
    );
    process.env.PANEL_TEST_SECRET = "must not leak";
    try {
      expect(JSON.parse(await evaluate(path)).services).toEqual([{ G: [{ S: { description: "[][]" } }] }]);
    } finally {
      delete process.env.PANEL_TEST_SECRET;
    }
  });

  it("is bounded: time, output and memory", async () => {
    const slow = file(
      "slow.nix",
      `let fib = n: if n < 2 then n else fib (n - 1) + fib (n - 2); in { services = [ { G = [ { S = { description = toString (fib 60); }; } ]; } ]; }`,
    );
    expect(await failure(evaluate(slow, { timeoutMs: 1500, displayName: "slow.nix" }))).toBe(
      "Evaluating slow.nix took longer than 2 s; stopped.",
    );
    expect(await failure(evaluate(derived("module-services-list.nix"), { maxOutputBytes: 50, displayName: "x.nix" }))).toBe(
      "Evaluating x.nix printed more than the import reads; stopped.",
    );
    const big = file(
      "big.nix",
      `{ services = [ { G = [ { S = { description = builtins.deepSeq (builtins.genList (i: toString i) 20000000) "x"; }; } ]; } ]; }`,
    );
    expect(await failure(evaluate(big, { displayName: "big.nix", timeoutMs: 60_000 }))).toBe(
      "big.nix needed more than 256 MiB to evaluate; refused.",
    );
  }, 90_000);

  it("an uploaded file is evaluated from a private temporary directory that is removed afterwards", async () => {
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith("panel-homepage-nix-"));
    const text = `{ services = [ { G = [ { S = { href = "https://s.lan"; }; } ]; } ]; }`;
    expect(JSON.parse(await evaluateHomepageNixText(text, "homepage.nix", { nixInstantiate: NIX })).services).toEqual([
      { G: [{ S: { href: "https://s.lan" } }] },
    ]);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith("panel-homepage-nix-"))).toEqual(before);
    expect(
      await failure(evaluateHomepageNixText(`{ ... }: { imports = [ ./sibling.nix ]; }`, "homepage.nix", { nixInstantiate: NIX })),
    ).toMatch(/sibling\.nix/);
  });
});
