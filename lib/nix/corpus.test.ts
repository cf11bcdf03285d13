// The nix parsers against every fixture of their kind in lib/fixtures (real captures, and the
// nixos-rebuild formats written from its source), plus what each real capture must read as.
import { describe, expect, it } from "vitest";
import { corpus, fixture } from "../fixtures/corpus.test-support";
import { noUnrecognised } from "../parse/unrecognised";
import { buildProgressFrom } from "./build-progress";
import { parseDiffClosures, parseProfileDiffClosures } from "./diff-closures";
import { currentGeneration, parseGenerations } from "./generations";
import { parseNixLine } from "./internal-json";

const none = noUnrecognised();

describe("generations: every real and derived listing reads without leftovers", () => {
  const all = [...corpus("real", "nix", "nix-env-list-generations"), ...corpus("derived", "nixos-rebuild", "list-generations")];
  it.each(all.map((f) => [f.name, f.text]))("%s", (_name, text) => {
    const r = parseGenerations(text);
    expect(r.unrecognised).toEqual(none);
    expect(r.generations.length).toBeGreaterThan(0);
    expect(r.generations.filter((g) => g.current)).toHaveLength(1);
  });

  it("nix-env under a local zone: the current generation need not be the last, the offset applies", () => {
    const r = parseGenerations(fixture("real", "nix", "nix-env-list-generations-current-not-last.txt"), 60);
    expect(r.format).toBe("nix-env");
    expect(r.generations.map((g) => [g.number, g.current])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    expect(r.generations[0].date).toBe("2026-12-05T11:54:11.000Z");
  });

  it("nixos-rebuild list-generations --json: numbers, dates, versions, current", () => {
    const r = parseGenerations(fixture("derived", "nixos-rebuild", "list-generations-json.txt"));
    expect(r.format).toBe("nixos-rebuild-json");
    expect(r.generations[0]).toEqual({
      number: 214,
      date: "2026-11-30T21:04:12.000Z",
      current: true,
      nixosVersion: "24.11.20241126.e2605d0",
      kernelVersion: "6.6.63",
    });
    expect(r.generations.map((g) => g.number)).toEqual([214, 213, 212]);
    expect(r.generations[2].kernelVersion).toBe("Unknown");
  });

  it("nixos-rebuild list-generations table: 'current' beside the number, empty cells keep their columns", () => {
    const r = parseGenerations(fixture("derived", "nixos-rebuild", "list-generations-table-bash.txt"));
    expect(r.format).toBe("nixos-rebuild-table");
    expect(currentGeneration(r.generations)?.number).toBe(214);
    expect(r.generations[1]).toEqual({
      number: 213,
      date: "2026-11-28T08:41:55.000Z",
      current: false,
      nixosVersion: "24.11.20241126.e2605d0",
      kernelVersion: "6.6.63",
    });
  });

  it("a table with a last Current column (True/False) marks the current row", () => {
    const text = [
      "Generation  Build-date           NixOS version  Kernel  Configuration Revision  Specialisation  Current",
      "7           2026-11-30 21:04:12  24.11.1        6.6.63                          []              True",
      "6           2026-11-29 21:04:12  24.11.1        6.6.63  abc                     []              False",
    ].join("\n");
    expect(parseGenerations(text).generations.map((g) => [g.number, g.current, g.kernelVersion])).toEqual([
      [7, true, "6.6.63"],
      [6, false, "6.6.63"],
    ]);
  });

  it("reports JSON items and lines it cannot read, and an ISO date with Z ignores the host offset", () => {
    const r = parseGenerations('[{"generation":3,"date":"2026-11-30T21:04:12Z","current":true},{"generation":"x"},5]', 120);
    expect(r.generations).toEqual([{ number: 3, date: "2026-11-30T21:04:12.000Z", current: true }]);
    expect(r.unrecognised).toEqual({ count: 2, sample: ['{"generation":"x"}', "5"] });
    expect(parseGenerations("   4   2026-02-31 10:00:00\n").unrecognised).toEqual({ count: 1, sample: ["   4   2026-02-31 10:00:00"] });
  });
});

describe("diff-closures: every real output reads without leftovers", () => {
  it.each(corpus("real", "nix", "store-diff-closures").map((f) => [f.name, f.text]))("store: %s", (_n, text) => {
    const d = parseDiffClosures(text);
    expect(d.unrecognised).toEqual(none);
    expect(d.changes.length).toBeGreaterThan(0);
  });
  it.each(corpus("real", "nix", "profile-diff-closures").map((f) => [f.name, f.text]))("profile: %s", (_n, text) => {
    const p = parseProfileDiffClosures(text);
    expect(p.unrecognised).toEqual(none);
    expect(p.sections.length).toBeGreaterThan(0);
  });

  it("a multi-version addition and removals (real nix 2.8)", () => {
    const d = parseDiffClosures(fixture("real", "nix", "store-diff-closures-multi-version.txt"));
    expect(d.changes.find((c) => c.name === "python3")).toEqual({
      name: "python3",
      kind: "added",
      from: [],
      to: ["3.11.9", "3.12.4"],
      sizeDeltaBytes: 185958,
    });
    expect(d).toMatchObject({ added: 1, removed: 1, changed: 2 });
  });

  it("nix profile diff-closures: one diff per 'Version a -> b:' section", () => {
    const p = parseProfileDiffClosures(fixture("real", "nix", "profile-diff-closures-3-generations.txt"));
    expect(p.sections.map((s) => [s.from, s.to, s.diff.changes.length])).toEqual([
      [1, 2, 3],
      [2, 3, 7],
    ]);
    expect(p.sections[0].diff.changes[0]).toEqual({ name: "alloy", kind: "removed", from: ["1.0.0"], to: [], sizeDeltaBytes: -500429 });
    expect(p.sections[1].diff.changes.find((c) => c.name === "nixos-system-frame1")).toMatchObject({
      kind: "changed",
      from: ["24.05"],
      to: ["24.11"],
      sizeDeltaBytes: 0,
    });
  });

  it("the store parser does not take a profile's sections for changes: it says so", () => {
    const d = parseDiffClosures(fixture("real", "nix", "profile-diff-closures-3-generations.txt"));
    expect(d.unrecognised.count).toBe(2);
    expect(d.unrecognised.sample).toEqual(["Version 1 -> 2:", "Version 2 -> 3:"]);
  });
});

describe("internal-json: every real log reads without unrecognised lines", () => {
  const logs = [...corpus("real", "nix", "internal-json")];
  it.each(logs.map((f) => [f.name, f.text]))("%s", (_n, text) => {
    const events = text.split("\n").map(parseNixLine);
    expect(events.filter((e) => e?.kind === "unrecognised" || e?.kind === "text")).toEqual([]);
    expect(buildProgressFrom(text).unrecognised).toEqual(none);
  });

  it("phases, a failed build beside a good one (--keep-going), invalid UTF-8 replaced", () => {
    const p = buildProgressFrom(fixture("real", "nix", "internal-json-phases-keep-going-fail.txt"));
    expect(p.builds).toEqual({ done: 1, expected: 1, running: 0, failed: 1 });
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]).toMatch(/^error: builder for '\/nix\/store\/\w{32}-broken-2\.0\.drv' failed with exit code 2$/);
    expect(p.lastLines.map((l) => l.text)).toContain("caf\ufffd latin1 byte");
    const phases = fixture("real", "nix", "internal-json-phases-keep-going-fail.txt")
      .split("\n")
      .map(parseNixLine)
      .filter((e) => e?.kind === "set-phase");
    expect(phases.map((e) => e?.kind === "set-phase" && e.phase)).toEqual(["unpackPhase", "configurePhase", "buildPhase", "installPhase"]);
  });

  it("nix copy: copy-path activities are tracked and closed", () => {
    const p = buildProgressFrom(fixture("real", "nix", "internal-json-copy-to-file-store.txt"));
    expect(p.open).toEqual({});
    expect(p.errors).toEqual([]);
  });

  it("newer nix's fields (parent on every start, fetch activities and results) are read, not unrecognised", () => {
    const lines = [
      '@nix {"action":"start","id":5050881540097,"level":0,"parent":0,"text":"","type":102}',
      '@nix {"action":"start","fields":["/nix/store/nb5zj9zqm90jfly39s6v125zw8mvscqg-b.drv","",1,1],"id":5050881540102,"level":3,"parent":0,"text":"building","type":105}',
      '@nix {"action":"start","id":7,"level":4,"parent":5050881540097,"text":"fetching git input","type":112}',
      '@nix {"action":"result","fields":["/nix/store/nb5zj9zqm90jfly39s6v125zw8mvscqg-src"],"id":7,"type":109}',
      '@nix {"action":"msg","column":null,"file":null,"level":0,"line":null,"msg":"error: x","raw_msg":"x","trace":[{"raw_msg":"while evaluating"}]}',
    ];
    const p = buildProgressFrom(lines);
    expect(p.unrecognised).toEqual(none);
    expect(p.current).toBe("b");
    expect(p.errors).toEqual(["error: x"]);
    expect(parseNixLine(lines[2])).toMatchObject({ kind: "start", parent: "5050881540097", type: 112 });
  });

  it("@nix lines it cannot read are counted, sampled and still shown", () => {
    const p = buildProgressFrom(["@nix {not json", '@nix {"action":"setPhase","phase":"x"}', "@nix [1]", "@nix 5"]);
    expect(p.unrecognised).toEqual({ count: 4, sample: ["@nix {not json", '@nix {"action":"setPhase","phase":"x"}', "@nix [1]"] });
    expect(p.lastLines.map((l) => l.text)).toEqual(["@nix {not json", '@nix {"action":"setPhase","phase":"x"}', "@nix [1]", "@nix 5"]);
  });
});
