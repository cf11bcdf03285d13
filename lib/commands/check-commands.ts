// The read-only probes of "Check connection" (lib/machine/connection-check.ts): passwordless sudo,
// nix with flakes, the flake checkout (a git repository), deploy-rs runnable. Nothing here changes
// the machine; the flake directory and deploy program are checked like a deploy's.
import { baseArgv, type DeployBase } from "./deploy-command";
import { flakeDir } from "./names";
import { NIX } from "./nix-commands";
import { remoteCommand, type CommandContext, type RemoteCommand } from "./remote-command";

/** `sudo -n true`: exits 0 only when the SSH user may run sudo without a password. */
export function checkSudo(ctx: CommandContext): RemoteCommand {
  return remoteCommand(ctx, {
    kind: "check.sudo",
    argv: ["sudo", "-n", "true"],
    description: "Check passwordless sudo",
    readOnly: true,
    cancellable: true,
  });
}

/** Prints nix's version through the same flags every panel nix command uses (flakes on). */
export function checkNix(ctx: CommandContext): RemoteCommand {
  return remoteCommand(ctx, {
    kind: "check.nix",
    argv: [...NIX, "eval", "--raw", "--expr", "builtins.nixVersion"],
    description: "Check nix with flakes",
    readOnly: true,
    cancellable: true,
  });
}

/**
 * $1 = the flake directory. Prints one line: `nodir`, `noflake` (no flake.nix in it), `nogit` (not
 * inside a git work tree), or `git<TAB><top-level directory of the repository>`.
 */
export const FLAKE_CHECK_SCRIPT = [
  'if [ ! -d "$1" ]; then echo nodir',
  'elif [ ! -f "$1/flake.nix" ]; then echo noflake',
  'elif top=$(git -C "$1" rev-parse --show-toplevel 2>/dev/null); then printf "git\\t%s\\n" "$top"',
  "else echo nogit; fi",
].join("\n");

export function checkFlake(ctx: CommandContext, dir: string): RemoteCommand {
  const d = flakeDir(dir);
  return remoteCommand(ctx, {
    kind: "check.flake",
    argv: ["sh", "-c", FLAKE_CHECK_SCRIPT, "panel-flake-check", d],
    description: `Check the flake checkout ${d}`,
    readOnly: true,
    cancellable: true,
  });
}

/** deploy-rs started as a deploy would start it, asked only for its help text. */
export function checkDeploy(ctx: CommandContext, dir: string, base: DeployBase): RemoteCommand {
  const d = flakeDir(dir);
  return remoteCommand(ctx, {
    kind: "check.deploy",
    argv: [...baseArgv(base, d), "--help"],
    description: `Check that deploy-rs runs from ${d}`,
    readOnly: true,
    cancellable: true,
  });
}
