// The leftover-killing script, run by a real /bin/sh against real process groups on this machine
// (what recovery sends over SSH, minus the SSH).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { commandLine } from "./remote-command";
import { killGroupLine, killLeftoverGroup, parseLeftoverOutcome } from "./process-commands";
import { expectAllRefused, expectRoundTrip } from "./shell-echo.test-support";

const admin = { sshUser: "admin" };
const started: ChildProcess[] = [];

/** A new session and process group (like sshd makes for a command): a shell with a child sleep. */
function session(env: Record<string, string>, script = "sleep 600 & wait"): ChildProcess {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  // env -i execs sh in the same process: the group leader has exactly these variables.
  const child = spawn("env", ["-i", "PATH=/run/current-system/sw/bin:/usr/bin:/bin", ...vars, "sh", "-c", script], {
    detached: true,
    stdio: "ignore",
  });
  started.push(child);
  return child;
}

/** A live (not zombie: this sandbox's init may not reap orphans) process in group `pgid`. */
const alive = (pgid: number) =>
  readdirSync("/proc").some((d) => {
    if (!/^[0-9]+$/.test(d)) return false;
    try {
      const [state, , pgrp] = readFileSync(`/proc/${d}/stat`, "utf8")
        .replace(/^.*\) /s, "")
        .split(" ");
      return Number(pgrp) === pgid && state !== "Z";
    } catch {
      return false;
    }
  });

function runScript(pgid: number, graceMs = 1000): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile("/bin/sh", ["-c", commandLine(killLeftoverGroup(admin, pgid, graceMs))], { timeout: 15_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    ),
  );
}

const settle = () => new Promise((r) => setTimeout(r, 200));

afterEach(() => {
  for (const c of started.splice(0))
    try {
      process.kill(-c.pid!, "SIGKILL");
    } catch {
      // already gone
    }
});

describe("killLeftoverGroup", () => {
  it("is sh -c with the group and the rounds as arguments, never spliced into the script", () => {
    const cmd = killLeftoverGroup(admin, 4242, 3000);
    expect(cmd.argv.slice(0, 2)).toEqual(["sh", "-c"]);
    expect(cmd.argv.slice(3)).toEqual(["panel-kill-group", "4242", "30", "ssh-session"]);
    expect(cmd.argv[2]).not.toContain("4242");
    expect(cmd).toMatchObject({ sudo: false, kind: "process.kill-leftover" });
    expectRoundTrip(cmd);
  });

  it("refuses anything but a process id above 1", () => {
    expectAllRefused([0, 1, -5, 1.5, "42", "-1", "1;id", null, 2 ** 31, Number.NaN], (v) => killLeftoverGroup(admin, v, 1000), /^pid/);
  });

  it("kills the whole group of an SSH session (its shell and the shell's children)", async () => {
    const s = session({ SSH_CONNECTION: "10.0.0.1 50000 10.0.0.2 22" });
    await settle();
    expect(alive(s.pid!)).toBe(true);
    expect(parseLeftoverOutcome(await runScript(s.pid!))).toBe("terminated");
    expect(alive(s.pid!)).toBe(false);
  });

  it("escalates to SIGKILL when the group ignores SIGTERM", async () => {
    const s = session({ SSH_CONNECTION: "10.0.0.1 50000 10.0.0.2 22" }, "trap '' TERM; sleep 600 & wait; sleep 600");
    await settle();
    expect(parseLeftoverOutcome(await runScript(s.pid!, 300))).toBe("killed");
    // SIGKILL is delivered by the time kill(2) returns, but the processes take a moment to exit.
    for (let i = 0; i < 50 && alive(s.pid!); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(s.pid!)).toBe(false);
  });

  it("leaves alone a group that no SSH login made (the id was reused)", async () => {
    const s = session({});
    await settle();
    expect(parseLeftoverOutcome(await runScript(s.pid!))).toBe("not-ours");
    expect(alive(s.pid!)).toBe(true);
  });

  it("for a cancel, kills any group, SSH login or not, escalating to SIGKILL after the grace period", async () => {
    const s = session({}, "trap '' TERM; sleep 600 & wait; sleep 600");
    await settle();
    const out = await new Promise<string>((resolve, reject) =>
      execFile("/bin/sh", ["-c", killGroupLine(s.pid!, 300)], { timeout: 15_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    expect(parseLeftoverOutcome(out)).toBe("killed");
    for (let i = 0; i < 50 && alive(s.pid!); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(s.pid!)).toBe(false);
    expectAllRefused([0, 1, "1;id", Number.NaN], (v) => killGroupLine(v, 1000), /^pid/);
  });

  it("says gone when no such group exists", async () => {
    const s = session({ SSH_CONNECTION: "x" }, "exit 0");
    await new Promise((r) => s.once("exit", r));
    expect(parseLeftoverOutcome(await runScript(s.pid!))).toBe("gone");
  });

  it("reads only its own verdict words", () => {
    expect(parseLeftoverOutcome("gone\n")).toBe("gone");
    expect(parseLeftoverOutcome("Welcome!\nkilled")).toBe("killed");
    expect(parseLeftoverOutcome("maybe")).toBeNull();
  });
});
