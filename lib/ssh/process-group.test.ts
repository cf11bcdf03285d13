import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parsePidMarker, withPidMarker } from "./process-group";

describe("PID marker", () => {
  it("prefixes the command unchanged and parses only an exact marker line", () => {
    expect(withPidMarker("a 'b c' | d")).toBe("echo __PANEL_PID__ $$ >&2; a 'b c' | d");
    expect(parsePidMarker("__PANEL_PID__ 4242")).toBe(4242);
    expect(parsePidMarker("__PANEL_PID__ 0")).toBeNull();
    expect(parsePidMarker("x __PANEL_PID__ 12")).toBeNull();
    expect(parsePidMarker("__PANEL_PID__ 12 ; rm")).toBeNull();
  });

  it("announces the PID of a shell that leads its own process group", () => {
    // Like sshd, setsid makes the shell a session and group leader.
    const out = execFileSync("setsid", ["-w", "sh", "-c", withPidMarker("ps -o pid=,pgid= -p $$")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const [pid, pgid] = out.trim().split(/\s+/).map(Number);
    expect(pid).toBe(pgid);
  });
});
