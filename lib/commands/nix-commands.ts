// Nix commands: evaluate, build, compare closures, list and switch system generations.
import { CommandInputError } from "./errors";
import { bool, flakeAttr, flakeDir, generationNumber, listOf, storePath } from "./names";
import { remoteCommand, type CommandContext, type RemoteCommand } from "./remote-command";

export const NIX = ["nix", "--extra-experimental-features", "nix-command flakes"] as const;
/**
 * For nix commands that may run beside others evaluating the same flake on the same builder (the
 * deploys of a fleet, a weak device's remoteBuild check): nix keeps one evaluation cache per flake
 * revision (~/.cache/nix/eval-cache-v*), and when two processes write it at once one gets
 * "error (ignored): SQLite database '...eval-cache...' is busy" and, in nix 2.8 (Debian 12), then
 * fails with "attribute 'packages.x86_64-linux.deploy' is unexpectedly missing" (NixOS/nix#3794;
 * measured in the lab: a fleet of three deploys on one builder failed one of them this way).
 * Without the cache the same evaluation is done in full, which a deploy does anyway for a new commit.
 */
export const NO_EVAL_CACHE = ["--option", "eval-cache", "false"] as const;
export const SYSTEM_PROFILE = "/nix/var/nix/profiles/system";
const OFFLINE = ["--option", "substituters", ""] as const;

export interface FlakeTarget {
  /** Absolute path of the flake checkout on the build host (a git checkout works as a path ref). */
  flakeDir: string;
  /** Name under nixosConfigurations. */
  attr: string;
  /** Do not ask binary caches (adds `--option substituters ''`). */
  offline?: boolean;
}

function toplevel(t: FlakeTarget): { ref: string; offline: readonly string[] } {
  if (typeof t !== "object" || t === null) throw new CommandInputError("target", "must be an object", t);
  const dir = flakeDir(t.flakeDir);
  const attr = flakeAttr(t.attr);
  const offline = t.offline === undefined ? false : bool(t.offline, "offline");
  return { ref: `${dir}#nixosConfigurations.${attr}.config.system.build.toplevel`, offline: offline ? OFFLINE : [] };
}

/** Evaluate the system's derivation path: proves the configuration evaluates. Prints the .drv path. */
export function validate(ctx: CommandContext, t: FlakeTarget): RemoteCommand {
  const { ref, offline } = toplevel(t);
  return remoteCommand(ctx, {
    kind: "nix.validate",
    argv: [...NIX, "eval", ...offline, "--raw", `${ref}.drvPath`],
    description: `Evaluate ${t.attr} from ${t.flakeDir}`,
    readOnly: true,
    cancellable: true,
  });
}

/** Build the system. stdout: `nix build --json` (see lib/nix/build-result); stderr: internal-json log. */
export function build(ctx: CommandContext, t: FlakeTarget): RemoteCommand {
  const { ref, offline } = toplevel(t);
  return remoteCommand(ctx, {
    kind: "nix.build",
    argv: [...NIX, "build", "--no-link", "--json", "--log-format", "internal-json", "-v", ...offline, ref],
    description: `Build ${t.attr} from ${t.flakeDir}`,
    readOnly: true,
    cancellable: true,
  });
}

/** Compare two closures (see lib/nix/diff-closures). */
export function diffClosures(ctx: CommandContext, before: string, after: string): RemoteCommand {
  const a = storePath(before, "before");
  const b = storePath(after, "after");
  return remoteCommand(ctx, {
    kind: "nix.diff-closures",
    argv: [...NIX, "store", "diff-closures", a, b],
    description: `Compare closures ${a.slice(44)} → ${b.slice(44)}`,
    readOnly: true,
    cancellable: true,
  });
}

/** Most store paths one `nix path-info` is asked about (a machine page's generations). */
export const PATH_INFO_MAX = 200;

/**
 * What the machine's store knows of `paths` (see lib/nix/path-info): whether its nix built each
 * one (`ultimate`) or it was copied in. Read-only; a path not in the store is reported, not an error.
 */
export function pathInfo(ctx: CommandContext, paths: readonly string[]): RemoteCommand {
  const look = listOf(paths, "paths", PATH_INFO_MAX, (v, f) => storePath(v, f));
  return remoteCommand(ctx, {
    kind: "nix.path-info",
    argv: [...NIX, "path-info", "--json", ...look],
    description: `Read the store's record of ${look.length} path${look.length === 1 ? "" : "s"}`,
    readOnly: true,
    cancellable: true,
  });
}

/**
 * List system generations. Runs under `env TZ=UTC` because nix-env prints local time without a
 * zone; needs root because nix-env locks the profile even to list it.
 */
export function listGenerations(ctx: CommandContext): RemoteCommand {
  return remoteCommand(ctx, {
    kind: "generations.list",
    argv: ["env", "TZ=UTC", "nix-env", "-p", SYSTEM_PROFILE, "--list-generations"],
    description: "List system generations",
    readOnly: true,
    cancellable: true,
    needsRoot: true,
  });
}

/** Roll the system profile to generation n and activate it: two commands, run in order, stop at the first failure. */
export function switchGeneration(ctx: CommandContext, generation: unknown): RemoteCommand[] {
  const n = generationNumber(generation);
  return [
    remoteCommand(ctx, {
      kind: "generations.switch",
      argv: ["nix-env", "-p", SYSTEM_PROFILE, "--switch-generation", String(n)],
      description: `Point the system profile at generation ${n}`,
      readOnly: false,
      cancellable: false,
      needsRoot: true,
    }),
    remoteCommand(ctx, {
      kind: "generations.activate",
      argv: [`${SYSTEM_PROFILE}-${n}-link/bin/switch-to-configuration`, "switch"],
      description: `Activate generation ${n}`,
      readOnly: false,
      cancellable: false,
      needsRoot: true,
    }),
  ];
}

/** The running system's store path, then its NixOS version. */
export function currentSystem(ctx: CommandContext): RemoteCommand[] {
  return [
    remoteCommand(ctx, {
      kind: "system.current",
      argv: ["readlink", "-f", "/run/current-system"],
      description: "Show the running system's store path",
      readOnly: true,
      cancellable: true,
    }),
    remoteCommand(ctx, {
      kind: "system.version",
      argv: ["cat", "/run/current-system/nixos-version"],
      description: "Show the running NixOS version",
      readOnly: true,
      cancellable: true,
    }),
  ];
}

/** When the running system was activated: the change time of the /run/current-system link, epoch seconds. */
export function systemActivatedAt(ctx: CommandContext): RemoteCommand {
  return remoteCommand(ctx, {
    kind: "system.activated",
    argv: ["stat", "-c", "%Z", "/run/current-system"],
    description: "Show when the running system was activated",
    readOnly: true,
    cancellable: true,
  });
}
