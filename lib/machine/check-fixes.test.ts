import { describe, expect, it } from "vitest";
import { CHECK_IDS, isBlocking, stepsAfter } from "../wire/connection-check";
import { SETUP_PATH, authorizedKeysSnippet, explainConnectionError, fixes, sudoSnippet } from "./check-fixes";

describe("fixes of the connection checks", () => {
  it("spell out the NixOS line with the panel's key for the machine's user", () => {
    expect(authorizedKeysSnippet("admin", "ssh-ed25519 AAAAC3Nz panel@x")).toBe(
      'users.users.admin.openssh.authorizedKeys.keys = [ "ssh-ed25519 AAAAC3Nz panel@x" ];',
    );
    expect(authorizedKeysSnippet("root", null)).toContain("create the panel's key first");
    expect(sudoSnippet("deploy")).toContain('{ users = [ "deploy" ]; commands = [ { command = "ALL"; options = [ "NOPASSWD" ]; } ]; }');
  });

  it("tell a missing panel key from a missing configured one", () => {
    expect(fixes.keyMissing("data/ssh/id_ed25519", false)).toContain(SETUP_PATH);
    expect(fixes.keyMissing("/etc/panel/key", true)).toContain("ssh-keygen -t ed25519 -N '' -f /etc/panel/key");
  });

  it("never leave an errno as the only explanation on the machine page", () => {
    const missing = explainConnectionError({ kind: "key", path: "./data/ssh/id_ed25519", configured: false, problem: "missing" });
    expect(missing.setup).toBe(true);
    expect(missing.text).not.toMatch(/ENOENT/);
    expect(missing.text).toContain("The panel has no SSH key yet");
    expect(explainConnectionError({ kind: "auth", user: "admin", host: "frame1" }).text).toBe(
      'frame1 refused the login as "admin" with the panel\'s key.',
    );
    expect(explainConnectionError({ kind: "host-key-changed" }).setup).toBe(true);
  });

  it("order the checks; the first three block the rest", () => {
    expect(CHECK_IDS).toEqual(["tcp", "host-key", "login", "sudo", "nix", "flake", "deploy"]);
    expect(CHECK_IDS.filter(isBlocking)).toEqual(["tcp", "host-key", "login"]);
    expect(stepsAfter("login")).toEqual(["sudo", "nix", "flake", "deploy"]);
  });
});
