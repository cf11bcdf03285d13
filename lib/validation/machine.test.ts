import { describe, expect, it } from "vitest";
import { machineDeleteInput, machineInput, machineName } from "./machine";
import { fieldErrors } from "./form";

const base = { name: "frame1", system: "x86_64-linux", role: "production" };
const errorsOf = (input: Record<string, unknown>) => {
  const r = machineInput.safeParse({ ...base, ...input });
  return r.success ? {} : fieldErrors(r.error);
};

describe("machine names", () => {
  it.each(["frame1", "frame1-vm", "a", "a".repeat(63), "host_2.lan", "9lives"])("accepts %j", (name) => {
    expect(machineName.parse(name)).toBe(name);
  });

  it.each(["-x", "Frame1", "a".repeat(64), "a b", "a;b", "$(id)", "främé", "", ".hidden", "a\nb", "x`id`"])("rejects %j", (name) => {
    const r = machineName.safeParse(name);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe("Use 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.");
  });

  it("trims surrounding whitespace", () => {
    expect(machineName.parse("  frame1 ")).toBe("frame1");
  });
});

describe("ssh host", () => {
  it.each(["frame1", "frame1.lan", "localhost", "192.168.1.10", "::1", "fe80::1", "my-host.example.org"])("accepts %j", (sshHost) => {
    expect(machineInput.parse({ ...base, sshHost }).sshHost).toBe(sshHost);
  });

  it.each(["-oProxyCommand=x", "a b", "a..b", "host-", "-host", "a;b", "$(id)", "host/x", ".lan", "a".repeat(64) + ".lan"])(
    "rejects %j",
    (sshHost) => {
      expect(errorsOf({ sshHost })).toEqual({ sshHost: "Use a host name or IP address (no spaces, not starting with '-')." });
    },
  );

  it("treats empty and missing as no host", () => {
    expect(machineInput.parse({ ...base, sshHost: "  " }).sshHost).toBeNull();
    expect(machineInput.parse(base).sshHost).toBeNull();
  });
});

describe("ssh user", () => {
  it.each(["admin", "root", "_svc", "deploy-bot", "a".repeat(32)])("accepts %j", (sshUser) => {
    expect(machineInput.parse({ ...base, sshUser }).sshUser).toBe(sshUser);
  });

  it.each(["Admin", "-root", "1user", "a b", "root;id", "root@host", "a".repeat(33)])("rejects %j", (sshUser) => {
    expect(errorsOf({ sshUser })).toEqual({ sshUser: "Use a Unix user name such as admin or root." });
  });

  it("treats empty as no user", () => {
    expect(machineInput.parse({ ...base, sshUser: "" }).sshUser).toBeNull();
  });
});

describe("machineInput", () => {
  it("parses a form submission with defaults", () => {
    expect(machineInput.parse({ ...base, sshPort: "", deployable: "on", flakeAttr: "frame1", description: " x " })).toEqual({
      name: "frame1", system: "x86_64-linux", role: "production", description: "x",
      sshHost: null, sshUser: null, sshPort: 22, flakeAttr: "frame1", deployable: true,
    });
    expect(machineInput.parse(base)).toMatchObject({ sshPort: 22, deployable: false, description: "", flakeAttr: null });
  });

  it("coerces and checks the ssh port", () => {
    expect(machineInput.parse({ ...base, sshPort: "2222" }).sshPort).toBe(2222);
    expect(errorsOf({ sshPort: "70000" })).toEqual({ sshPort: "Port must be between 1 and 65535." });
    expect(errorsOf({ sshPort: "0" })).toEqual({ sshPort: "Port must be between 1 and 65535." });
    expect(errorsOf({ sshPort: "abc" })).toEqual({ sshPort: "Port must be a number." });
    expect(errorsOf({ sshPort: "22.5" })).toEqual({ sshPort: "Port must be a whole number." });
  });

  it("rejects unknown systems, roles and flake attributes", () => {
    expect(errorsOf({ system: "x86_64-windows" })).toEqual({ system: "Use a Nix system such as x86_64-linux or aarch64-linux." });
    expect(errorsOf({ role: "admin" })).toEqual({ role: "Choose production, testing, installer or other." });
    expect(errorsOf({ flakeAttr: "-frame1" })).toEqual({ flakeAttr: "Use a Nix attribute name such as frame1." });
    expect(errorsOf({ flakeAttr: "a b" })).toEqual({ flakeAttr: "Use a Nix attribute name such as frame1." });
  });

  it("rejects multi-line and over-long descriptions", () => {
    expect(errorsOf({ description: "one\ntwo" })).toEqual({ description: "Description must be a single line of text." });
    expect(errorsOf({ description: "x".repeat(501) })).toEqual({ description: "Description must be at most 500 characters." });
  });
});

describe("machineDeleteInput", () => {
  it("accepts no disposition, and move with a target", () => {
    expect(machineDeleteInput.parse({ name: "frame1" })).toEqual({ name: "frame1", moveTo: null });
    expect(machineDeleteInput.parse({ name: "frame1", services: "move", moveTo: "frame1-vm" })).toEqual({
      name: "frame1", services: "move", moveTo: "frame1-vm",
    });
  });

  it("move needs another machine", () => {
    const noTarget = machineDeleteInput.safeParse({ name: "frame1", services: "move", moveTo: "" });
    expect(noTarget.success ? {} : fieldErrors(noTarget.error)).toEqual({ moveTo: "Choose the machine the services move to." });
    const self = machineDeleteInput.safeParse({ name: "frame1", services: "move", moveTo: "frame1" });
    expect(self.success ? {} : fieldErrors(self.error)).toEqual({ moveTo: "Choose another machine than the one being deleted." });
  });

  it("rejects an unknown disposition", () => {
    expect(machineDeleteInput.safeParse({ name: "frame1", services: "archive" }).success).toBe(false);
  });
});
