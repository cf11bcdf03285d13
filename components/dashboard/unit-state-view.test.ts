import { describe, expect, it } from "vitest";
import { unitStateView } from "./unit-state-view";

describe("unitStateView", () => {
  it("shows a unit systemd does not have as grey 'not found', saying where", () => {
    expect(unitStateView("not-found", "dead", "frame2")).toEqual({ text: "not found", tone: "muted", title: "no such unit on frame2" });
    expect(unitStateView("not-found", "dead", null).title).toBe("no such unit");
  });
  it("keeps stopped units red, running green, changing amber, unknown grey", () => {
    expect(unitStateView("inactive", "dead", "frame2")).toEqual({ text: "inactive (dead)", tone: "down", title: null });
    expect(unitStateView("failed", "failed", "frame2")).toEqual({ text: "failed", tone: "down", title: null });
    expect(unitStateView("active", "running", "frame2")).toMatchObject({ text: "active (running)", tone: "up" });
    expect(unitStateView("activating", "auto-restart", "frame2")).toMatchObject({ tone: "changing" });
    expect(unitStateView("unknown", "unknown", "frame2")).toMatchObject({ tone: "muted" });
  });
});
