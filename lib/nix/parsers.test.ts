import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildOutPath, NixOutputError, parseBuildResults } from "./build-result";
import { parseDiffClosureLine, parseDiffClosures } from "./diff-closures";
import { currentGeneration, parseGenerations } from "./generations";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("parseGenerations (real nix-env 2.8 output)", () => {
  it("reads numbers, UTC dates and the current marker", () => {
    const { generations: gens, format, unrecognised } = parseGenerations(fixture("list-generations.txt"));
    expect(format).toBe("nix-env");
    expect(unrecognised).toEqual({ count: 0, sample: [] });
    expect(gens).toEqual([
      { number: 1, date: "2026-11-26T14:12:34.000Z", current: false },
      { number: 3, date: "2026-11-26T14:17:24.000Z", current: true },
    ]);
    expect(currentGeneration(gens)?.number).toBe(3);
  });
  it("applies a host offset and reports noise as unrecognised", () => {
    expect(parseGenerations("  12   2026-11-26 19:42:34   (current)\nwarning: x\n", 330)).toEqual({
      generations: [{ number: 12, date: "2026-11-26T14:12:34.000Z", current: true }],
      format: "nix-env",
      unrecognised: { count: 1, sample: ["warning: x"] },
    });
    expect(parseGenerations("")).toEqual({ generations: [], format: null, unrecognised: { count: 0, sample: [] } });
  });
});

describe("parseDiffClosures (real nix 2.8 output)", () => {
  it("reads every line shape, strips colours and converts sizes", () => {
    const d = parseDiffClosures(fixture("diff-closures.txt"));
    expect(d.changes).toEqual([
      { name: "fixture", kind: "resized", from: null, to: null, sizeDeltaBytes: 41472 },
      { name: "fixture-Tool", kind: "changed", from: ["1.0"], to: [""], sizeDeltaBytes: 0 },
      { name: "fixture-added", kind: "added", from: [], to: ["2.0"], sizeDeltaBytes: 1200435 },
      { name: "fixture-gone", kind: "removed", from: ["3.1"], to: [], sizeDeltaBytes: -400486 },
      { name: "fixture-lib", kind: "changed", from: ["1.0"], to: ["1.1"], sizeDeltaBytes: 11981 },
      { name: "fixture-multi", kind: "added", from: [], to: ["2.0"], sizeDeltaBytes: 0 },
      { name: "fixture-plain", kind: "removed", from: ["0.1"], to: [], sizeDeltaBytes: 0 },
      { name: "fixture-system", kind: "changed", from: ["1.0"], to: ["1.1"], sizeDeltaBytes: 0 },
    ]);
    expect(d).toMatchObject({
      added: 2,
      removed: 2,
      changed: 4,
      totalDeltaBytes: 41472 + 1200435 - 400486 + 11981,
      unrecognised: { count: 0, sample: [] },
    });
  });
  it("handles several versions, larger units and empty output", () => {
    expect(parseDiffClosureLine("python3: 3.10.9, 3.11.1 → 3.11.4, +1.5 MiB")).toEqual({
      name: "python3",
      kind: "changed",
      from: ["3.10.9", "3.11.1"],
      to: ["3.11.4"],
      sizeDeltaBytes: 1572864,
    });
    expect(parseDiffClosureLine("linux: 6.1 → 6.6, -1.2 GiB")?.sizeDeltaBytes).toBe(-1288490189);
    expect(parseDiffClosureLine("not a diff line")).toBeNull();
    expect(parseDiffClosures("")).toEqual({
      changes: [],
      added: 0,
      removed: 0,
      changed: 0,
      totalDeltaBytes: 0,
      unrecognised: { count: 0, sample: [] },
    });
  });
});

describe("nix build --json (real output)", () => {
  it("finds the out path", () => {
    expect(buildOutPath(fixture("build-ok.stdout.json"))).toBe("/nix/store/irhj03ri0163fph7kwpppk7h862ndj0w-fixture-top");
    expect(parseBuildResults(fixture("build-two.stdout.json"))).toMatchObject({ unrecognised: { count: 0 }, problem: null });
    expect(parseBuildResults(fixture("build-two.stdout.json")).results).toHaveLength(2);
  });
  it("refuses empty (failed build), multiple and malformed results", () => {
    expect(() => buildOutPath(fixture("build-fail.stdout.json"))).toThrow(NixOutputError);
    expect(() => buildOutPath(fixture("build-two.stdout.json"))).toThrow(/expected one build result, got 2/);
    expect(() => buildOutPath('[{"drvPath":"/etc/x.drv","outputs":{}}]')).toThrow(/drvPath/);
    expect(() => buildOutPath('[{"drvPath":"/nix/store/mc4xyqv7aprgzv447i67dz2jxyd0kmxr-a.drv","outputs":{"out":"; rm -rf /"}}]')).toThrow(
      /not a store path/,
    );
    expect(() => buildOutPath('{"a":1}')).toThrow(/list/);
  });
  it("reads what it can and reports the rest as unrecognised, without throwing", () => {
    const good = JSON.parse(fixture("build-ok.stdout.json")) as unknown[];
    const r = parseBuildResults(JSON.stringify([...good, { drvPath: "/etc/x.drv", outputs: {} }]));
    expect(r.results).toHaveLength(1);
    expect(r.unrecognised).toEqual({ count: 1, sample: ['{"drvPath":"/etc/x.drv","outputs":{}}'] });
    expect(r.problem).toBe("nix build result 1 has no valid drvPath");
    expect(parseBuildResults("error: flake has no attribute")).toMatchObject({
      results: [],
      unrecognised: { count: 1, sample: ["error: flake has no attribute"] },
    });
    expect(parseBuildResults(fixture("build-fail.stdout.json"))).toMatchObject({ results: [], unrecognised: { count: 0 } });
  });
});
