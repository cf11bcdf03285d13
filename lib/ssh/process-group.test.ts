import { execFileSync, spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { killGroupScript, parsePidMarker, withPidMarker } from "./process-group";

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

describe("killGroupScript", () => {
  it("refuses nonsense PIDs", () => {
    expect(() => killGroupScript(1, 100)).toThrow();
    expect(() => killGroupScript(0, 100)).toThrow();
    expect(() => killGroupScript(Number.NaN, 100)).toThrow();
  });

  it.each(["sh", "bash"])("kills a group that ignores SIGTERM after the grace period (%s)", async (shell) => {
    const child = spawn("setsid", ["sh", "-c", "trap '' TERM; sleep 30 & sleep 30; wait"], { stdio: "ignore" });
    await new Promise((r) => setTimeout(r, 300));
    const pgid = Number(execFileSync("ps", ["-o", "pgid=", "-p", String(child.pid)], { encoding: "utf8" }).trim());
    const t0 = Date.now();
    execFileSync(shell, ["-c", killGroupScript(pgid, 300)]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(() => execFileSync("sh", ["-c", `kill -0 -- -${pgid}`], { stdio: "ignore" })).toThrow();
  });
});
