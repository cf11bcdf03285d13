// deploy-rs, run on the build host (it pushes and activates over its own SSH connection).
import { CommandInputError } from "./errors";
import { bool, flakeDir, intInRange, nodeName, profileName, programPath } from "./names";
import { NIX, NO_EVAL_CACHE } from "./nix-commands";
import { remoteCommand, type CommandContext, type RemoteCommand } from "./remote-command";

/** How deploy-rs is started on a machine: `nix run <flake>#deploy` (default) or an installed binary. */
export type DeployBase = { kind: "nix-run" } | { kind: "binary"; path: string };

export interface DeployOptions {
  flakeDir: string;
  node: string;
  profile?: string;
  base?: DeployBase;
  dryActivate?: boolean;
  skipChecks?: boolean;
  magicRollback?: boolean;
  autoRollback?: boolean;
  /** Seconds to wait for the magic-rollback confirmation, 1..3600. */
  confirmTimeout?: number;
  /** Install as the boot generation without switching now. */
  boot?: boolean;
}

/** The program part of a deploy-rs command line: `nix run <flake>#deploy --` or the binary. */
export function baseArgv(base: DeployBase | undefined, dir: string): string[] {
  if (base === undefined || (typeof base === "object" && base !== null && base.kind === "nix-run")) {
    return [...NIX, ...NO_EVAL_CACHE, "run", `${dir}#deploy`, "--"];
  }
  if (typeof base === "object" && base !== null && base.kind === "binary") return [programPath(base.path, "deploy.path")];
  throw new CommandInputError("deploy.base", 'must be { kind: "nix-run" } or { kind: "binary", path }', base);
}

export function deploy(ctx: CommandContext, o: DeployOptions): RemoteCommand {
  if (typeof o !== "object" || o === null) throw new CommandInputError("deploy", "must be an object", o);
  const dir = flakeDir(o.flakeDir);
  const node = nodeName(o.node);
  const profile = o.profile === undefined ? undefined : profileName(o.profile);
  const flags: string[] = [];
  const flag = (key: keyof DeployOptions, name: string) => {
    if (o[key] !== undefined && bool(o[key], key)) flags.push(name);
  };
  const setting = (key: keyof DeployOptions, name: string) => {
    if (o[key] !== undefined) flags.push(name, String(bool(o[key], key)));
  };
  flag("dryActivate", "--dry-activate");
  flag("skipChecks", "--skip-checks");
  flag("boot", "--boot");
  setting("magicRollback", "--magic-rollback");
  setting("autoRollback", "--auto-rollback");
  if (o.confirmTimeout !== undefined) {
    flags.push("--confirm-timeout", String(intInRange(o.confirmTimeout, "confirmTimeout", 1, 3600)));
  }
  const target = `${dir}#${node}${profile ? `.${profile}` : ""}`;
  const dry = o.dryActivate === true;
  return remoteCommand(ctx, {
    kind: "deploy",
    // deploy-rs passes what follows `--` to each nix it runs (flake check, eval, build: its
    // extra_build_args): deploys of a fleet evaluate the same flake side by side (NO_EVAL_CACHE).
    argv: [...baseArgv(o.base, dir), ...flags, target, "--", ...NO_EVAL_CACHE],
    description: `${dry ? "Dry-run deploy" : "Deploy"} ${node}${profile ? `.${profile}` : ""} from ${dir}`,
    readOnly: dry,
    // Interrupting activation can leave a half-switched host; only a dry run is safe to stop.
    cancellable: dry,
  });
}
