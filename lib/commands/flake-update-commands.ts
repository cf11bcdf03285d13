// "Update inputs" on the build host: a scratch clone of the flake checkout at its HEAD (the real
// checkout is only read), `nix flake update` there, its old and new flake.lock, and on accept the
// new lock committed in the checkout (only if HEAD and flake.lock are still what was previewed).
// Directories and texts reach the scripts as "$1"…, never inside the scripts' text.
import { CommandInputError } from "./errors";
import { bool, flakeDir, listOf, requireText } from "./names";
import { NIX } from "./nix-commands";
import { FLAKE_ATTR } from "./patterns";
import { remoteCommand, type CommandContext, type RemoteCommand } from "./remote-command";

/** Scratch directories the panel makes (mktemp) and alone may remove. */
export const SCRATCH = /^\/tmp\/panel-flake-update\.[A-Za-z0-9]{8}$/;
const COMMIT = /^[0-9a-f]{40}$/;
const SHA256 = /^[0-9a-f]{64}$/;
/** An input to update: `nixpkgs`, or `home-manager/nixpkgs` for an input's input. */
export const INPUT_PATH = /^[A-Za-z_][A-Za-z0-9_'-]{0,99}(\/[A-Za-z_][A-Za-z0-9_'-]{0,99}){0,2}$/;
export const MAX_INPUTS = 50;

export function scratchDir(v: unknown, field = "scratch"): string {
  if (typeof v !== "string" || !SCRATCH.test(v))
    throw new CommandInputError(field, "must be a panel scratch directory /tmp/panel-flake-update.XXXXXXXX", v);
  return v;
}
const scratchFlake = (scratch: unknown) => `${scratchDir(scratch)}/flake`;

function hex(v: unknown, field: string, pattern: RegExp, rule: string): string {
  if (typeof v !== "string" || !pattern.test(v)) throw new CommandInputError(field, rule, v);
  return v;
}

export const inputPath = (v: unknown, field = "input"): string => {
  const s = requireText(v, field, 302);
  if (!INPUT_PATH.test(s) || !s.split("/").every((seg) => FLAKE_ATTR.test(seg)))
    throw new CommandInputError(field, "must be an input name (letters, digits, _ ' -), or input/input", s);
  return s;
};

/**
 * $1 checkout, $2 commit. Makes /tmp/panel-flake-update.XXXXXXXX/flake, a `git clone --shared` of
 * the checkout (objects read through alternates: nothing is written to the checkout) at `commit`,
 * detached; prints the scratch directory. Exits 3 (no directory), 4 (not git), 5 (clone failed),
 * 6 (flake.lock not committed). A failure removes what it made.
 */
export const SCRATCH_SCRIPT = [
  "set -e",
  'cd "$1" 2>/dev/null || { echo "no such directory: $1" >&2; exit 3; }',
  "git rev-parse --is-inside-work-tree >/dev/null || exit 4",
  "d=$(mktemp -d /tmp/panel-flake-update.XXXXXXXX)",
  'git clone --quiet --shared --no-checkout -- "$1" "$d/flake" >&2 && git -C "$d/flake" checkout --quiet --detach "$2" >&2 || { rm -rf "$d"; exit 5; }',
  'git -C "$d/flake" cat-file -e HEAD:flake.lock 2>/dev/null || { echo "flake.lock is not committed in $1" >&2; rm -rf "$d"; exit 6; }',
  'echo "$d"',
].join("\n");

export function flakeScratch(ctx: CommandContext, dir: string, commit: unknown): RemoteCommand {
  const d = flakeDir(dir);
  const c = hex(commit, "commit", COMMIT, "must be a full 40-character hex commit hash");
  return remoteCommand(ctx, {
    kind: "flake.scratch",
    argv: ["sh", "-c", SCRATCH_SCRIPT, "panel-flake-scratch", d, c],
    description: `Copy ${d} at ${c.slice(0, 7)} to a scratch directory`,
    readOnly: true,
    cancellable: true,
  });
}

/** Runs argv in directory $1 (`nix flake update` takes no flake path on newer nix: it takes input names). */
const IN_DIR = 'cd "$1" || exit 3; shift; exec "$@"';

/**
 * `nix flake update` (all inputs) or `nix flake lock --update-input A …` (chosen ones; nix 2.8's
 * form, still accepted by later nix) in the scratch copy.
 */
export function flakeUpdate(ctx: CommandContext, scratch: unknown, inputs: unknown): RemoteCommand {
  const dir = scratchFlake(scratch);
  const chosen = listOf(inputs, "inputs", MAX_INPUTS, inputPath, 0);
  const nix =
    chosen.length === 0 ? [...NIX, "flake", "update"] : [...NIX, "flake", "lock", ...chosen.flatMap((i) => ["--update-input", i])];
  return remoteCommand(ctx, {
    kind: "flake.update",
    argv: ["sh", "-c", IN_DIR, "panel-in-dir", dir, ...nix],
    description: chosen.length === 0 ? "Update all flake inputs (scratch copy)" : `Update flake inputs ${chosen.join(", ")} (scratch copy)`,
    readOnly: true,
    cancellable: true,
  });
}

/** The scratch copy's flake.lock: as committed ("old") or as the update left it ("new"). */
export function flakeLockRead(ctx: CommandContext, scratch: unknown, which: "old" | "new"): RemoteCommand {
  const dir = scratchFlake(scratch);
  return remoteCommand(ctx, {
    kind: "flake.lock-read",
    argv: which === "old" ? ["git", "-C", dir, "show", "HEAD:flake.lock"] : ["cat", "--", `${dir}/flake.lock`],
    description: `Read the ${which} flake.lock`,
    readOnly: true,
    cancellable: true,
  });
}

/** sha256 (hex) of the committed and of the updated flake.lock, one a line: exact bytes, as accept compares them. */
export function flakeLockSums(ctx: CommandContext, scratch: unknown): RemoteCommand {
  const dir = scratchFlake(scratch);
  return remoteCommand(ctx, {
    kind: "flake.lock-read",
    argv: [
      "sh",
      "-c",
      'set -e; git -C "$1" show HEAD:flake.lock | sha256sum | cut -c1-64; sha256sum < "$1/flake.lock" | cut -c1-64',
      "panel-lock-sums",
      dir,
    ],
    description: "Checksum the old and new flake.lock",
    readOnly: true,
    cancellable: true,
  });
}

export function scratchRemove(ctx: CommandContext, scratch: unknown): RemoteCommand {
  const d = scratchDir(scratch);
  return remoteCommand(ctx, {
    kind: "flake.scratch-remove",
    argv: ["rm", "-rf", "--", d],
    description: `Remove the scratch directory ${d}`,
    readOnly: true,
    cancellable: false,
  });
}

/**
 * $1 checkout, $2 scratch flake, $3 previewed HEAD, $4 sha256 of the old lock, $5 of the new, $6
 * message, $7 push (1/0). Refuses (6, 7, 8) unless HEAD and flake.lock are what was previewed and
 * the scratch still holds the previewed lock; commits only flake.lock (restored if the commit fails:
 * 10); prints the new HEAD; then pushes when asked (9: committed, the push failed: `committed <hash>` on
 * stderr).
 */
export const APPLY_LOCK_SCRIPT = [
  'cd "$1" 2>/dev/null || { echo "no such directory: $1" >&2; exit 3; }',
  'h=$(git rev-parse HEAD) || exit 4; [ "$h" = "$3" ] || { echo "HEAD moved since the preview (now $h)" >&2; exit 6; }',
  '[ "$(sha256sum < flake.lock | cut -c1-64)" = "$4" ] || { echo "flake.lock in $1 changed since the preview" >&2; exit 7; }',
  '[ "$(sha256sum < "$2/flake.lock" | cut -c1-64)" = "$5" ] || { echo "the previewed flake.lock is gone or changed" >&2; exit 8; }',
  'cp -- "$2/flake.lock" .flake.lock.panel && mv -- .flake.lock.panel flake.lock || exit 10',
  'git commit --quiet --only -m "$6" -- flake.lock || { git checkout -- flake.lock; exit 10; }',
  'n=$(git rev-parse HEAD); echo "$n"',
  'if [ "$7" = 1 ]; then GIT_TERMINAL_PROMPT=0 git push --quiet || { echo "committed $n; the push failed" >&2; exit 9; }; fi',
].join("\n");

export type ApplyLock = { flakeDir: string; scratch: string; head: string; oldSha: string; newSha: string; message: string; push: boolean };

export function applyLock(ctx: CommandContext, a: ApplyLock): RemoteCommand {
  const d = flakeDir(a.flakeDir);
  const s = scratchFlake(a.scratch);
  const head = hex(a.head, "head", COMMIT, "must be a full 40-character hex commit hash");
  const oldSha = hex(a.oldSha, "oldSha", SHA256, "must be a sha256 in hex");
  const newSha = hex(a.newSha, "newSha", SHA256, "must be a sha256 in hex");
  const message = requireText(a.message, "message", 500);
  const push = bool(a.push, "push");
  return remoteCommand(ctx, {
    kind: "flake.apply-lock",
    argv: ["sh", "-c", APPLY_LOCK_SCRIPT, "panel-apply-lock", d, s, head, oldSha, newSha, message, push ? "1" : "0"],
    description: `Commit the updated flake.lock in ${d}${push ? " and push" : ""}`,
    readOnly: false,
    cancellable: false,
  });
}
