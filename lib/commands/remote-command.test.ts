import { describe, expect, it } from "vitest";
import { commandLine } from "./remote-command";
import { systemctlRestart } from "./systemd-commands";
import { shellWords } from "./shell-echo.test-support";

describe("command lines", () => {
  const cmd = systemctlRestart({ sshUser: "admin" }, "nginx.service");
  it("prefixes sudo -n -- only when needed, and freezes the command", () => {
    expect(commandLine(cmd)).toBe("sudo -n -- systemctl restart -- nginx.service");
    expect(shellWords(commandLine(cmd))).toEqual(["sudo", "-n", "--", "systemctl", "restart", "--", "nginx.service"]);
    expect(Object.isFrozen(cmd) && Object.isFrozen(cmd.argv)).toBe(true);
  });
});
