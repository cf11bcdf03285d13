import { describe, expect, it } from "vitest";
import { remoteBuildVerdict } from "./deploy-remote-build";

const json = (v: unknown) => JSON.stringify(v);
const lab = json({ remoteBuild: null, nodes: { frame3: { remoteBuild: null, profiles: { system: null } } } });

// Printed by nix 2.8.0 here for a flake whose frame1 sets remoteBuild = true on the node and false
// on its system profile, frame3 nothing (its profile's path a `throw`: never forced).
const REAL =
  '{"nodes":{"frame1":{"profiles":{"home":null,"system":false},"remoteBuild":true},"frame3":{"profiles":{"system":null},"remoteBuild":null}},"remoteBuild":null}';

describe("remoteBuildVerdict", () => {
  it("reads nix 2.8's output", () => {
    expect(remoteBuildVerdict(REAL, "frame3")).toEqual({ ok: true, profiles: ["system"] });
    expect(remoteBuildVerdict(REAL, "frame1")).toMatchObject({ ok: false, reason: "remote-build", profiles: ["home"] });
  });

  it("accepts a node none of whose levels sets remoteBuild", () => {
    expect(remoteBuildVerdict(lab, "frame3")).toEqual({ ok: true, profiles: ["system"] });
  });

  it.each([
    ["the top level", { remoteBuild: true, nodes: { frame3: { remoteBuild: null, profiles: { system: null } } } }],
    ["the node", { remoteBuild: false, nodes: { frame3: { remoteBuild: true, profiles: { system: null } } } }],
    ["the profile", { remoteBuild: false, nodes: { frame3: { remoteBuild: false, profiles: { system: true } } } }],
  ])("refuses remoteBuild = true set at %s", (_level, v) => {
    expect(remoteBuildVerdict(json(v), "frame3")).toMatchObject({ ok: false, reason: "remote-build", profiles: ["system"] });
  });

  it("lets the profile's false win over the node's and the top level's true (deploy-rs merges profile first)", () => {
    const v = { remoteBuild: true, nodes: { frame3: { remoteBuild: true, profiles: { system: false, home: null } } } };
    expect(remoteBuildVerdict(json(v), "frame3")).toEqual({
      ok: false,
      reason: "remote-build",
      profiles: ["home"],
      message: "deploy-rs would build frame3.home on frame3 itself (remoteBuild = true)",
    });
  });

  it("names a missing node and never reads a prototype key as a node", () => {
    expect(remoteBuildVerdict(lab, "frame9")).toMatchObject({ ok: false, reason: "no-node" });
    expect(remoteBuildVerdict(lab, "constructor")).toMatchObject({ ok: false, reason: "no-node" });
  });

  it.each(["", "not json", "null", json({ nodes: [] }), json({ remoteBuild: "yes", nodes: {} })])("reads %j as unreadable", (out) => {
    expect(remoteBuildVerdict(out, "frame3")).toMatchObject({ ok: false, reason: "unreadable" });
  });
});
