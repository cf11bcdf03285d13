import { describe, expect, it } from "vitest";
import { cancellableCommandLine, commandLine, parsePidLine } from "./remote-command";
import { systemctlRestart } from "./systemd-commands";
import { shellWords } from "./shell-echo.test-support";
import { execFileSync } from "node:child_process";

describe("command lines", () => {
  const cmd = systemctlRestart({ sshUser: "admin" }, "nginx.service");
  it("prefixes sudo -n -- only when needed, and freezes the command", () => {
    expect(commandLine(cmd)).toBe("sudo -n -- systemctl restart -- nginx.service");
    expect(shellWords(commandLine(cmd))).toEqual(["sudo", "-n", "--", "systemctl", "restart", "--", "nginx.service"]);
    expect(Object.isFrozen(cmd) && Object.isFrozen(cmd.argv)).toBe(true);
  });
  it("wraps a command so the remote shell announces its pid and then execs", () => {
    expect(cancellableCommandLine(cmd)).toBe(`echo PID $$; exec ${commandLine(cmd)}`);
    const out = execFileSync("/bin/sh", ["-c", "echo PID $$; exec /bin/sh -c 'echo $$'"], { encoding: "utf8" }).split("\n");
    expect(parsePidLine(out[0])).toBe(Number(out[1]));
    expect(parsePidLine("PID x")).toBeNull();
  });
});
