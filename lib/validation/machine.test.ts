import { describe, expect, it } from "vitest";
import { NEVER_BUILDS_NEEDS_HOST, machineDeleteInput, machineInput, machineName } from "./machine";
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
      name: "frame1",
      system: "x86_64-linux",
      role: "production",
      description: "x",
      sshHost: null,
      sshUser: null,
      sshPort: 22,
      flakeAttr: "frame1",
      deployable: true,
      flakeDir: "/home/admin/homelab",
      deployCommand: "nix-run",
      buildHost: null,
      neverBuilds: false,
      testFor: null,
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

const PATH_MESSAGE =
  "an absolute path of letters, digits, '.', '_', '/' or '-' (no spaces, no '..' or '.' segments, no segment starting with '-')";
const HOSTILE_PATHS = [
  "/home/admin/homelab;reboot",
  "/x; rm -rf /",
  "/$(id)",
  "/x/`id`",
  "-/x",
  "/-oProxyCommand=x",
  "/home/../etc",
  "/home/./x",
  "../x",
  "relative/dir",
  "/with space",
  "/tab\there",
  "/line\nbreak",
  "/a|b",
  "/a&b",
  "/a>b",
  "/a'b",
  '/a"b',
  "/a\\b",
  "/a#b",
  "/a*b",
  "/é",
  "~/homelab",
  "/" + "a".repeat(1100),
];

describe("flakeDir", () => {
  it.each(["/home/admin/homelab", "/srv/nix-config", "/etc/nixos", "/", "/a/b.c/d_e-f", "/home/admin/homelab/"])(
    "accepts %j",
    (flakeDir) => {
      expect(machineInput.parse({ ...base, flakeDir }).flakeDir).toBe(flakeDir);
    },
  );

  it.each(HOSTILE_PATHS)("rejects %j", (flakeDir) => {
    const errors = errorsOf({ flakeDir });
    expect(Object.keys(errors)).toEqual(["flakeDir"]);
    expect(errors.flakeDir).toMatch(/^Flake directory must be (an absolute path|at most 1024)/);
  });

  it("names the rule", () => {
    expect(errorsOf({ flakeDir: "/x;reboot" })).toEqual({ flakeDir: `Flake directory must be ${PATH_MESSAGE}.` });
  });

  it("rejects non-strings and defaults a blank field to the schema's default", () => {
    expect(Object.keys(errorsOf({ flakeDir: 42 }))).toEqual(["flakeDir"]);
    expect(Object.keys(errorsOf({ flakeDir: ["/x"] }))).toEqual(["flakeDir"]);
    expect(machineInput.parse({ ...base, flakeDir: "  " }).flakeDir).toBe("/home/admin/homelab");
    expect(machineInput.parse({ ...base, flakeDir: " /srv/flake " }).flakeDir).toBe("/srv/flake");
  });
});

describe("deployCommand", () => {
  it.each(["nix-run", "/run/current-system/sw/bin/deploy", "/nix/var/nix/profiles/default/bin/deploy-rs"])(
    "accepts %j",
    (deployCommand) => {
      expect(machineInput.parse({ ...base, deployCommand }).deployCommand).toBe(deployCommand);
    },
  );

  it.each([...HOSTILE_PATHS, "deploy", "nix run", "nix-run; reboot", "nix-run $(id)", "-nix-run", "NIX-RUN", "bash -c id"])(
    "rejects %j",
    (deployCommand) => {
      const errors = errorsOf({ deployCommand });
      expect(Object.keys(errors)).toEqual(["deployCommand"]);
      expect(errors.deployCommand).toMatch(/^Deploy command must be ("nix-run" or an absolute path|at most 1024)/);
    },
  );

  it("defaults a blank field to nix-run", () => {
    expect(machineInput.parse({ ...base, deployCommand: "" }).deployCommand).toBe("nix-run");
    expect(machineInput.parse(base).deployCommand).toBe("nix-run");
  });
});

describe("buildHost", () => {
  it.each(["frame1", "builder-1", "big.box"])("accepts %j", (buildHost) => {
    expect(machineInput.parse({ ...base, buildHost }).buildHost).toBe(buildHost);
  });

  it.each(["-oProxyCommand=x", "a;reboot", "$(id)", "../x", "a b", "Frame1", "x`id`", "a/b", "a".repeat(64), "a\nb"])(
    "rejects %j",
    (buildHost) => {
      expect(errorsOf({ buildHost })).toEqual({
        buildHost: "Build host must be a machine name (lower-case letters, digits, '.', '_' or '-'), or empty for the machine itself.",
      });
    },
  );

  it("treats empty as the machine itself", () => {
    expect(machineInput.parse({ ...base, buildHost: " " }).buildHost).toBeNull();
  });
});

describe("neverBuilds", () => {
  it("defaults to false and reads the form's checkbox", () => {
    expect(machineInput.parse(base).neverBuilds).toBe(false);
    expect(machineInput.parse({ ...base, name: "frame3", neverBuilds: "on", buildHost: "frame1" })).toMatchObject({
      neverBuilds: true,
      buildHost: "frame1",
    });
  });

  it.each([
    ["no build host", { name: "frame3", neverBuilds: "on" }],
    ["a blank build host", { name: "frame3", neverBuilds: "on", buildHost: " " }],
    ["itself as build host", { name: "frame3", neverBuilds: "on", buildHost: "frame3" }],
  ])("refuses a never-builds machine with %s", (_what, input) => {
    expect(errorsOf(input)).toEqual({ buildHost: NEVER_BUILDS_NEEDS_HOST });
  });

  it("lets a machine that builds keep itself as build host", () => {
    expect(machineInput.parse({ ...base, buildHost: "frame1" })).toMatchObject({ neverBuilds: false, buildHost: "frame1" });
  });
});

describe("machineDeleteInput", () => {
  it("accepts no disposition, and move with a target", () => {
    expect(machineDeleteInput.parse({ name: "frame1" })).toEqual({ name: "frame1", moveTo: null });
    expect(machineDeleteInput.parse({ name: "frame1", services: "move", moveTo: "frame1-vm" })).toEqual({
      name: "frame1",
      services: "move",
      moveTo: "frame1-vm",
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
