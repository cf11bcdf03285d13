// `nix eval --json` of the homelab flake for the inventory import: its machines (attribute names
// under nixosConfigurations, system, enabled services) and its deploy-rs nodes. The Nix functions
// are built here from checked names only; `or` guards let a flake without an option still evaluate.
import { CommandInputError } from "./errors";
import { flakeAttr, flakeDir, listOf, requireText } from "./names";
import { NIX, NO_EVAL_CACHE } from "./nix-commands";
import { remoteCommand, type CommandContext, type RemoteCommand } from "./remote-command";

/** A NixOS option set name under `services.` (e.g. grafana, homepage-dashboard). */
const SERVICE_OPTION = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function serviceOption(value: unknown, field = "service"): string {
  const s = requireText(value, field, 64);
  if (!SERVICE_OPTION.test(s)) throw new CommandInputError(field, "must be a NixOS option name like grafana or homepage-dashboard", s);
  return s;
}

/** The Nix function given to --apply: { <machine> = { system; hostName; services = { <name> = bool; }; }; } */
export function machinesFunction(services: readonly string[]): string {
  const names = listOf(services, "services", 32, serviceOption);
  const checks = names.map((n) => `"${n}" = on (s."${n}" or { });`).join(" ");
  return [
    "configs: builtins.mapAttrs (name: c: let",
    "cfg = c.config or { }; s = cfg.services or { };",
    "on = o: builtins.isAttrs o && (o.enable or false) == true;",
    "in {",
    "system = c.pkgs.stdenv.hostPlatform.system or cfg.nixpkgs.hostPlatform.system or cfg.system.build.toplevel.system or null;",
    "hostName = cfg.networking.hostName or null;",
    `services = { ${checks} };`,
    "}) configs",
  ].join(" ");
}

export const DEPLOY_NODES_FUNCTION =
  "nodes: builtins.mapAttrs (name: n: { hostname = n.hostname or null; sshUser = n.sshUser or null; }) nodes";

/** Evaluate the flake's machines and which of `services` each enables. stdout: one JSON object. */
export function evalMachines(ctx: CommandContext, dir: unknown, services: readonly string[]): RemoteCommand {
  const d = flakeDir(dir);
  return remoteCommand(ctx, {
    kind: "nix.eval",
    argv: [...NIX, "eval", "--json", `${d}#nixosConfigurations`, "--apply", machinesFunction(services)],
    description: `Evaluate the machines of ${d}`,
    readOnly: true,
    cancellable: true,
  });
}

/** Evaluate the flake's deploy-rs nodes (host name and SSH user of each). stdout: one JSON object. */
export function evalDeployNodes(ctx: CommandContext, dir: unknown): RemoteCommand {
  const d = flakeDir(dir);
  return remoteCommand(ctx, {
    kind: "nix.eval",
    argv: [...NIX, "eval", "--json", `${d}#deploy.nodes`, "--apply", DEPLOY_NODES_FUNCTION],
    description: `Evaluate the deploy-rs nodes of ${d}`,
    readOnly: true,
    cancellable: true,
  });
}

export const HOMEPAGE_FUNCTION =
  'c: let h = c.config.services."homepage-dashboard" or { }; in { services = h.services or [ ]; bookmarks = h.bookmarks or [ ]; }';

/** Evaluate services.homepage-dashboard.{services,bookmarks} of one machine. stdout: one JSON object. */
export function evalHomepage(ctx: CommandContext, dir: unknown, attr: unknown): RemoteCommand {
  const d = flakeDir(dir);
  const a = flakeAttr(attr);
  return remoteCommand(ctx, {
    kind: "nix.eval",
    argv: [...NIX, "eval", "--json", `${d}#nixosConfigurations.${a}`, "--apply", HOMEPAGE_FUNCTION],
    description: `Evaluate the Homepage configuration of ${a} in ${d}`,
    readOnly: true,
    cancellable: true,
  });
}

/**
 * deploy-rs's `remoteBuild` at each level of its settings (top, node, profile), null where unset:
 * { remoteBuild; nodes = { <node> = { remoteBuild; profiles = { <profile> = remoteBuild; }; }; }; }.
 * A fixed function (no data in it); only the settings are forced, never a profile's path.
 */
export const DEPLOY_REMOTE_BUILD_FUNCTION = [
  "d: let rb = x: if builtins.isAttrs x then x.remoteBuild or null else null; in {",
  "remoteBuild = rb d;",
  "nodes = builtins.mapAttrs (_: n: { remoteBuild = rb n;",
  "profiles = builtins.mapAttrs (_: rb) (if builtins.isAttrs n then n.profiles or { } else { }); })",
  "(if builtins.isAttrs d then d.nodes or { } else { });",
  "}",
].join(" ");

/** Evaluate where deploy-rs would build each profile (its remoteBuild settings). stdout: one JSON object. */
export function evalDeployRemoteBuild(ctx: CommandContext, dir: unknown): RemoteCommand {
  const d = flakeDir(dir);
  return remoteCommand(ctx, {
    kind: "nix.eval",
    // Run before a weak device's deploy, beside the fleet's other deploys on the same builder.
    argv: [...NIX, ...NO_EVAL_CACHE, "eval", "--json", `${d}#deploy`, "--apply", DEPLOY_REMOTE_BUILD_FUNCTION],
    description: `Evaluate deploy-rs's remoteBuild settings of ${d}`,
    readOnly: true,
    cancellable: true,
  });
}
