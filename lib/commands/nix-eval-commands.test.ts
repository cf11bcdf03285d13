import { describe, expect, it } from "vitest";
import {
  DEPLOY_REMOTE_BUILD_FUNCTION,
  evalDeployNodes,
  evalDeployRemoteBuild,
  evalHomepage,
  evalMachines,
  machinesFunction,
} from "./nix-eval-commands";
import { commandLine } from "./remote-command";
import { HOSTILE, expectAllRefused, expectRoundTrip } from "./shell-echo.test-support";

const admin = { sshUser: "admin" };
const NIX = ["nix", "--extra-experimental-features", "nix-command flakes"];

describe("nix eval for the inventory import", () => {
  it("evaluates nixosConfigurations with a guarded --apply function of the checked service names", () => {
    const cmd = evalMachines(admin, "/home/admin/homelab", ["grafana", "homepage-dashboard"]);
    expect(cmd.argv.slice(0, 6)).toEqual([...NIX, "eval", "--json", "/home/admin/homelab#nixosConfigurations"]);
    expect(cmd.argv[6]).toBe("--apply");
    expect(cmd.argv[7]).toContain(
      'services = { "grafana" = on (s."grafana" or { }); "homepage-dashboard" = on (s."homepage-dashboard" or { }); };',
    );
    expect(cmd).toMatchObject({ kind: "nix.eval", sudo: false, readOnly: true, cancellable: true });
    expectRoundTrip(cmd);
    expect(commandLine(cmd)).toMatch(
      /^nix --extra-experimental-features 'nix-command flakes' eval --json '\/home\/admin\/homelab#nixosConfigurations' --apply 'configs: /,
    );
  });

  it("evaluates deploy-rs nodes", () => {
    const cmd = evalDeployNodes(admin, "/srv/flake");
    expect(cmd.argv.slice(3, 7)).toEqual(["eval", "--json", "/srv/flake#deploy.nodes", "--apply"]);
    expectRoundTrip(cmd);
  });

  it("evaluates deploy-rs's remoteBuild settings with a fixed function", () => {
    const cmd = evalDeployRemoteBuild(admin, "/srv/flake");
    expect(cmd.argv.slice(3)).toEqual([
      ...["--option", "eval-cache", "false"],
      ...["eval", "--json", "/srv/flake#deploy", "--apply", DEPLOY_REMOTE_BUILD_FUNCTION],
    ]);
    expect(cmd).toMatchObject({ kind: "nix.eval", sudo: false, readOnly: true, cancellable: true });
    expectRoundTrip(cmd);
    expectAllRefused(HOSTILE, (v) => evalDeployRemoteBuild(admin, v), /^flakeDir /);
  });

  it("evaluates one machine's Homepage services and bookmarks", () => {
    const cmd = evalHomepage(admin, "/srv/flake", "frame1");
    expect(cmd.argv.slice(3, 7)).toEqual(["eval", "--json", "/srv/flake#nixosConfigurations.frame1", "--apply"]);
    expect(cmd.argv[7]).toContain('c.config.services."homepage-dashboard" or { }');
    expectRoundTrip(cmd);
    expectAllRefused(HOSTILE, (v) => evalHomepage(admin, "/srv/flake", v), /^attribute /);
    expectAllRefused(HOSTILE, (v) => evalHomepage(admin, v, "frame1"), /^flakeDir /);
  });

  it("refuses hostile flake dirs and service names", () => {
    expectAllRefused(HOSTILE, (v) => evalMachines(admin, v, ["grafana"]), /^flakeDir /);
    expectAllRefused(HOSTILE, (v) => evalDeployNodes(admin, v), /^flakeDir /);
    expectAllRefused(
      [...HOSTILE, "Grafana", "a.b", 'x"; y', "a--b", "grafana-"],
      (v) => machinesFunction([v as string]),
      /^services\[0\] /,
    );
    expectAllRefused([[], "grafana", null], (v) => machinesFunction(v as string[]), /^services /);
  });
});
