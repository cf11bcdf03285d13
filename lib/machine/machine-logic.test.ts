import { describe, expect, it } from "vitest";
import { driftOf } from "./drift";
import { generationJobs, previousGeneration } from "./generation-jobs";
import { historyHref, parseHistoryQuery } from "./history-query";

const P = (c: string) => `/nix/store/${c.repeat(32)}-nixos-system-frame1`;

describe("driftOf", () => {
  const last = { id: 9, kind: "deploy", oldSystem: P("a"), newSystem: P("b"), finishedAt: null };
  it("matches the last deploy or rollback", () => {
    expect(driftOf(P("b"), last, [])).toMatchObject({ state: "matches", text: "in sync: runs what the last deploy (#9) left" });
    expect(driftOf(P("b"), { ...last, kind: "rollback" }, []).text).toBe("in sync: runs what the last rollback (#9) left");
  });
  it("calls an earlier panel system a rollback and anything else a change outside the panel", () => {
    expect(driftOf(P("a"), last, []).state).toBe("rolled-back");
    expect(driftOf(P("c"), last, [P("c")]).state).toBe("rolled-back");
    expect(driftOf(P("d"), last, [P("c")])).toMatchObject({ state: "outside", jobId: 9 });
  });
  it("says so when nothing is known", () => {
    expect(driftOf(null, last, []).state).toBe("unknown");
    expect(driftOf(P("a"), null, []).state).toBe("none");
  });
});

describe("generationJobs", () => {
  const at = (s: string) => new Date(`2026-11-26T${s}Z`);
  const deploys = [
    { id: 3, status: "succeeded", startedAt: at("10:00:00"), finishedAt: at("10:00:08"), requestedBy: "admin" },
    { id: 4, status: "rolled-back", startedAt: at("10:05:00"), finishedAt: at("10:05:09"), requestedBy: "otto" },
  ];
  const gens = [
    { number: 1, date: "2026-11-26T09:00:00.000Z", current: false },
    { number: 2, date: "2026-11-26T10:00:05.000Z", current: true },
    { number: 3, date: "2026-11-26T10:05:04.000Z", current: false },
  ];
  it("links a generation to the succeeded deploy that ran when it was made, newest first", () => {
    const rows = generationJobs(gens, deploys);
    expect(rows.map((r) => [r.number, r.job?.id ?? null])).toEqual([
      [3, null],
      [2, 3],
      [1, null],
    ]);
    expect(rows[1].job).toEqual({
      id: 3,
      requestedBy: "admin",
      finishedAt: "2026-11-26T10:00:08.000Z",
      commit: null,
      commitSubject: null,
      dirty: null,
      builtOn: null,
    });
  });
  it("says where each generation was built: the deploy's build host, else the machine's store", () => {
    const facts = {
      1: { number: 1, createdAt: null, target: P("a"), toplevel: P("a"), version: "24.11", wrapped: false },
      2: { number: 2, createdAt: null, target: P("b"), toplevel: P("b"), version: "24.11", wrapped: false },
      3: { number: 3, createdAt: null, target: P("c"), toplevel: null, version: null, wrapped: false },
    };
    const origins = { [P("a")]: "built-here", [P("b")]: "copied", [P("c")]: "copied" } as const;
    const rows = generationJobs(gens, [{ ...deploys[0], builtOn: "frame1" }, deploys[1]], facts, origins);
    expect(rows.map((r) => [r.number, r.job?.builtOn ?? null, r.origin])).toEqual([
      [3, null, "copied"],
      [2, "frame1", "copied"],
      [1, null, "built-here"],
    ]);
    expect(generationJobs(gens, deploys, facts).map((r) => r.origin)).toEqual([null, null, null]);
  });
  it("finds the generation before the current one", () => {
    expect(previousGeneration(gens)?.number).toBe(1);
    expect(previousGeneration([{ number: 1, date: gens[0].date, current: true }])).toBeNull();
    expect(previousGeneration([])).toBeNull();
  });
});

describe("history query", () => {
  it("keeps known kinds and outcomes and drops the rest", () => {
    expect(parseHistoryQuery({ kind: "deploy", outcome: "rolled-back" })).toEqual({ kind: "deploy", outcome: "rolled-back" });
    expect(parseHistoryQuery({ kind: "rm -rf", outcome: ["failed", "x"] })).toEqual({ kind: undefined, outcome: "failed" });
    expect(historyHref("/machines/frame1", { kind: "build" })).toBe("/machines/frame1?kind=build#history");
    expect(historyHref("/machines/frame1", {})).toBe("/machines/frame1#history");
  });
});
