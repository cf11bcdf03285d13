import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildProgressFrom } from "./build-progress";
import { ActivityType, drvName, parseNixLine, type NixEvent } from "./internal-json";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const events = (text: string) =>
  text
    .split("\n")
    .map(parseNixLine)
    .filter((e): e is NixEvent => e !== null);

describe("parseNixLine on a real nix 2.8 build log", () => {
  const ev = events(fixture("build-ok.internal-json.txt"));
  it("parses every line as an internal-json event", () => {
    expect(ev).toHaveLength(42);
    expect(ev.some((e) => e.kind === "text")).toBe(false);
  });
  it("strips ANSI from messages and keeps their level", () => {
    expect(ev[0]).toEqual({ kind: "msg", level: 1, text: "warning: Git tree '/tmp/cap/flake' is dirty" });
  });
  it("reads build starts with the drv path and exact string ids", () => {
    const builds = ev.filter((e) => e.kind === "start" && e.type === ActivityType.Build);
    expect(builds.map((e) => e.kind === "start" && e.drvPath)).toEqual([
      "/nix/store/pkbgc1c97wlgizjmsq1j177f153k8si7-fixture-base.drv",
      "/nix/store/mc4xyqv7aprgzv447i67dz2jxyd0kmxr-fixture-top.drv",
    ]);
    expect(builds[0]).toMatchObject({ id: "88222923227140", level: 3, parent: null });
  });
  it("reads log lines, progress and expected counts", () => {
    expect(ev.filter((e) => e.kind === "log-line").map((e) => e.kind === "log-line" && e.line)).toEqual([
      "step 1 v1",
      "step 2",
      "step 1 v1",
      "step 2",
    ]);
    expect(ev).toContainEqual({ kind: "progress", id: "88222923227137", done: 2, expected: 2, running: 0, failed: 0 });
    expect(ev).toContainEqual({ kind: "set-expected", id: "88222923227136", activityType: 101, expected: 0 });
    expect(ev.at(-1)).toEqual({ kind: "stop", id: "88222923227136" });
  });
  it("keeps ids above 2^53 exact", () => {
    const e = parseNixLine('@nix {"action":"stop","id":18014398509481985}');
    expect(e).toEqual({ kind: "stop", id: "18014398509481985" });
  });
  it("turns blank lines into null, foreign lines into text and malformed @nix lines into unrecognised", () => {
    expect(parseNixLine("")).toBeNull();
    expect(parseNixLine("ssh: connect to host frame1 port 22: Connection refused")).toEqual({
      kind: "text",
      text: "ssh: connect to host frame1 port 22: Connection refused",
    });
    expect(parseNixLine("@nix {not json")).toEqual({ kind: "unrecognised", text: "@nix {not json" });
    expect(parseNixLine("@nix [1,2]")?.kind).toBe("unrecognised");
    expect(parseNixLine('@nix {"action":"setPhase","phase":"x"}')?.kind).toBe("unrecognised");
    expect(parseNixLine('@nix {"action":"result","id":1,"type":104,"fields":["buildPhase"]}')).toEqual({
      kind: "set-phase",
      id: "1",
      phase: "buildPhase",
    });
    expect(parseNixLine('@nix {"action":"result","id":1,"type":100,"fields":["a","b"]}')).toEqual({
      kind: "result",
      id: "1",
      type: 100,
      fields: ["a", "b"],
    });
  });
  it("derives names from drv paths", () => {
    expect(drvName("/nix/store/mc4xyqv7aprgzv447i67dz2jxyd0kmxr-fixture-top.drv")).toBe("fixture-top");
  });
});

describe("BuildProgress", () => {
  it("follows a real successful build", () => {
    const p = buildProgressFrom(fixture("build-ok.internal-json.txt"));
    expect(p.builds).toEqual({ done: 2, expected: 2, running: 0, failed: 0 });
    expect(p.running).toEqual([]);
    expect(p.current).toBeNull();
    expect(p.open).toEqual({});
    expect(p.lastLines.map((l) => `${l.drv}: ${l.text}`)).toEqual([
      "null: warning: Git tree '/tmp/cap/flake' is dirty",
      "fixture-base: step 1 v1",
      "fixture-base: step 2",
      "fixture-top: step 1 v1",
      "fixture-top: step 2",
    ]);
    expect(p.warnings).toEqual(["warning: Git tree '/tmp/cap/flake' is dirty"]);
    expect(p.errors).toEqual([]);
  });
  it("shows what is running part-way through", () => {
    const lines = fixture("build-ok.internal-json.txt").split("\n");
    const upTo = lines.findIndex((l) => l.includes('"step 1 v1"'));
    const p = buildProgressFrom(lines.slice(0, upTo + 1));
    expect(p.current).toBe("fixture-base");
    expect(p.running).toEqual([
      { id: "88222923227140", drvPath: "/nix/store/pkbgc1c97wlgizjmsq1j177f153k8si7-fixture-base.drv", name: "fixture-base", phase: null },
    ]);
    expect(p.builds).toMatchObject({ done: 0, expected: 2, running: 1 });
  });
  it("records a real failed build and its error", () => {
    const p = buildProgressFrom(fixture("build-fail.internal-json.txt"));
    expect(p.builds).toEqual({ done: 0, expected: 0, running: 0, failed: 1 });
    expect(p.errors).toEqual([
      "error: builder for '/nix/store/h5n2gx7zly9hay7v4r1cy10h2cwa7dxz-fixture-broken.drv' failed with exit code 3",
    ]);
    expect(p.lastLines.slice(-3).map((l) => l.text)).toEqual(["compiling v1", "oops: missing thing", p.errors[0]]);
  });
  it("keeps only the last maxLines lines", () => {
    const log = Array.from({ length: 10 }, (_, i) => `line ${i}`);
    expect(buildProgressFrom(log, 3).lastLines.map((l) => l.text)).toEqual(["line 7", "line 8", "line 9"]);
  });
});
