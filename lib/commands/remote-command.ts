// The shape every builder returns, and the one way to turn it into the string sent over SSH.
import { CommandInputError } from "./errors";
import { sshUser as checkSshUser } from "./names";
import { toShell } from "./quote";

export type CommandKind =
  | "nix.validate"
  | "nix.eval"
  | "nix.build"
  | "nix.diff-closures"
  | "nix.path-info"
  | "deploy"
  | "generations.list"
  | "generations.switch"
  | "generations.activate"
  | "system.current"
  | "system.version"
  | "system.activated"
  | "system.facts"
  | "systemd.show"
  | "systemd.restart"
  | "journal"
  | "process.kill-leftover"
  | "check.sudo"
  | "check.nix"
  | "check.flake"
  | "check.deploy"
  | "git.state"
  | "git.fetch"
  | "git.fast-forward"
  | "flake.scratch"
  | "flake.update"
  | "flake.lock-read"
  | "flake.scratch-remove"
  | "flake.apply-lock"
  | "iso.build"
  | "iso.facts"
  | "iso.presence"
  | "iso.remove-root"
  | "iso.store-delete";

export interface RemoteCommand {
  readonly kind: CommandKind;
  /** Program and arguments, exactly as the program must receive them (no sudo prefix). */
  readonly argv: readonly string[];
  /** Whether `commandLine` prefixes `sudo -n --` (the command needs root and the SSH user is not root). */
  readonly sudo: boolean;
  /** One line for humans: job titles, audit log. */
  readonly description: string;
  /** True when it changes no activated system, profile or service (a build may still add to the store). */
  readonly readOnly: boolean;
  /** True when interrupting it half-way is safe (no half-switched system). */
  readonly cancellable: boolean;
  /** True when it runs until cancelled (journalctl -f). */
  readonly longRunning: boolean;
}

/** Who we are on the remote side; decides whether root-only commands get `sudo -n --`. */
export interface CommandContext {
  readonly sshUser: string;
}

type Spec = Omit<RemoteCommand, "sudo" | "longRunning"> & { needsRoot?: boolean; longRunning?: boolean };

export function remoteCommand(ctx: CommandContext, spec: Spec): RemoteCommand {
  if (typeof ctx !== "object" || ctx === null) throw new CommandInputError("context", "must be an object", ctx);
  const user = checkSshUser(ctx.sshUser);
  const { needsRoot = false, longRunning = false, ...rest } = spec;
  return Object.freeze({ ...rest, argv: Object.freeze([...spec.argv]), sudo: needsRoot && user !== "root", longRunning });
}

/** The exact string to hand to ssh exec. */
export function commandLine(cmd: RemoteCommand): string {
  return toShell(cmd.sudo ? ["sudo", "-n", "--", ...cmd.argv] : cmd.argv);
}
