import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseShowBlocks, parseSystemctlShow } from "./show";
import { parseSystemdTimestamp } from "./timestamp";

// Hand-written in systemd 252's format (see fixtures/README.md).
const show = readFileSync(new URL("./fixtures/show.txt", import.meta.url), "utf8");

describe("parseSystemctlShow", () => {
  it("reads one status per unit", () => {
    expect(parseSystemctlShow(show).unrecognised).toEqual({ count: 0, sample: [] });
    expect(parseSystemctlShow(show).units).toEqual([
      {
        id: "nginx.service",
        activeState: "active",
        subState: "running",
        since: "2026-11-26T14:01:02.000Z",
        mainPid: 812,
        restarts: 0,
        memoryBytes: 15204352,
        description: "Nginx Web Server",
      },
      {
        id: "home-assistant.service",
        activeState: "failed",
        subState: "failed",
        since: "2026-11-26T13:58:40.000Z",
        mainPid: null,
        restarts: 3,
        memoryBytes: null,
        description: "Home Assistant",
      },
      {
        id: "frame-display.service",
        activeState: "activating",
        subState: "auto-restart",
        since: null,
        mainPid: null,
        restarts: 0,
        memoryBytes: null,
        description: "Frame display = kiosk (chromium)",
      },
      {
        id: "does-not-exist.service",
        activeState: "inactive",
        subState: "dead",
        since: null,
        mainPid: null,
        restarts: 0,
        memoryBytes: null,
        description: "does-not-exist.service",
      },
    ]);
  });
  it("tells a unit systemd does not have (LoadState=not-found) from a stopped one (captured on a lab host)", () => {
    const captured = readFileSync(new URL("./fixtures/show-frame2.txt", import.meta.url), "utf8");
    expect(parseSystemctlShow(captured).units.map((u) => [u.id, u.activeState, u.subState])).toEqual([
      ["loki.service", "active", "running"],
      ["grafana.service", "active", "running"],
      ["does-not-exist.service", "not-found", "dead"],
      ["systemd-journald.service", "active", "running"],
    ]);
    expect(parseSystemctlShow(captured).units[0]).toMatchObject({
      since: "2026-11-27T00:04:10.000Z",
      mainPid: 104,
      memoryBytes: null,
      description: "Grafana Loki log aggregation",
    });
  });
  it("keeps the state of a loaded-but-missing unit that still runs (its file was removed)", () => {
    const text =
      "Id=gone.service\nLoadState=not-found\nActiveState=active\nSubState=running\n\nId=stopped.service\nLoadState=loaded\nActiveState=inactive\nSubState=dead\n";
    expect(parseSystemctlShow(text).units.map((u) => u.activeState)).toEqual(["active", "inactive"]);
  });
  it("copes with CRLF, a lost separator and junk lines", () => {
    const text = "Id=a.service\r\nActiveState=active\r\nnot a property\r\nId=b.service\r\nActiveState=inactive\r\n";
    expect(parseShowBlocks(text)).toEqual([
      { Id: "a.service", ActiveState: "active" },
      { Id: "b.service", ActiveState: "inactive" },
    ]);
    expect(parseSystemctlShow("")).toEqual({ units: [], unrecognised: { count: 0, sample: [] } });
    expect(parseSystemctlShow(text).unrecognised).toEqual({ count: 1, sample: ["not a property"] });
  });
});

describe("parseSystemdTimestamp", () => {
  it("reads UTC, microseconds, numeric offsets and unambiguous zone names; refuses zones it cannot resolve", () => {
    expect(parseSystemdTimestamp("Thu 2026-11-26 14:01:02 UTC")).toBe("2026-11-26T14:01:02.000Z");
    expect(parseSystemdTimestamp("Thu 2026-11-26 14:01:02.123456 UTC")).toBe("2026-11-26T14:01:02.123Z");
    expect(parseSystemdTimestamp("Thu 2026-11-26 15:01:02 +01")).toBe("2026-11-26T14:01:02.000Z");
    expect(parseSystemdTimestamp("Thu 2026-11-26 15:01:02 CET")).toBe("2026-11-26T14:01:02.000Z");
    expect(parseSystemdTimestamp("Thu 2026-11-26 15:01:02 IST")).toBeNull();
    expect(parseSystemdTimestamp("n/a")).toBeNull();
    expect(parseSystemdTimestamp("")).toBeNull();
  });
});
