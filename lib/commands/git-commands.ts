// Git in the flake checkout on the build host: read its state (one read-only script), fetch its
// upstream. The directory reaches the script as "$1", never inside the script's text.
import { CommandInputError } from "./errors";
import { flakeDir } from "./names";
import { remoteCommand, type CommandContext, type RemoteCommand } from "./remote-command";

/** At most this many incoming commits are listed (the count of the rest is `behind`). */
export const INCOMING_MAX = 50;

/**
 * $1 = the checkout. Prints (lib/git/checkout-state.ts parses it): `commit<TAB>hash<TAB>author date
 * (ISO)<TAB>author<TAB>subject` for HEAD (nothing before the first commit), `lock<TAB>sha256` of the
 * work tree's flake.lock (nothing without one: what a build from this tree uses), then `git status
 * --porcelain=v2 --branch` (branch, upstream, ahead/behind, changed and untracked files), then one
 * `incoming<TAB>...` line per commit of the upstream that HEAD lacks (newest first). Exits 3 when
 * the directory is missing, 4 when it is not inside a git work tree. `--no-optional-locks`: the
 * read never writes the index, so it cannot collide with a job in the same checkout.
 */
export const GIT_STATE_SCRIPT = [
  'cd "$1" 2>/dev/null || { echo "no such directory: $1" >&2; exit 3; }',
  "git rev-parse --is-inside-work-tree >/dev/null || exit 4",
  'git --no-optional-locks log -1 --no-show-signature --format="commit%x09%H%x09%aI%x09%an%x09%s" 2>/dev/null',
  "[ -f flake.lock ] && printf 'lock\\t%s\\n' \"$(sha256sum < flake.lock | cut -c1-64)\"",
  "git --no-optional-locks status --porcelain=v2 --branch || exit 5",
  `git --no-optional-locks log -n ${INCOMING_MAX} --no-show-signature --format="incoming%x09%H%x09%aI%x09%an%x09%s" "HEAD..@{upstream}" 2>/dev/null`,
  "exit 0",
].join("\n");

export function gitState(ctx: CommandContext, dir: string): RemoteCommand {
  const d = flakeDir(dir);
  return remoteCommand(ctx, {
    kind: "git.state",
    argv: ["sh", "-c", GIT_STATE_SCRIPT, "panel-git-state", d],
    description: `Read the flake checkout ${d} (git)`,
    readOnly: true,
    cancellable: true,
  });
}

/**
 * `git fetch` of the current branch's remote: updates only remote-tracking refs (never the work tree
 * or the branch), so ahead/behind and the incoming commits are current. No prompts: a remote that
 * needs a password fails instead of waiting.
 */
export function gitFetch(ctx: CommandContext, dir: string): RemoteCommand {
  const d = flakeDir(dir);
  return remoteCommand(ctx, {
    kind: "git.fetch",
    argv: ["env", "GIT_TERMINAL_PROMPT=0", "git", "-C", d, "fetch", "--quiet"],
    description: `Fetch the upstream of ${d}`,
    readOnly: true,
    cancellable: true,
  });
}

const COMMIT = /^[0-9a-f]{40}$/;

/**
 * Fast-forward the checkout's branch to `commit` (an incoming commit the user was shown): `git
 * merge --ff-only`, so a branch that diverged, or changes the merge would overwrite, refuse instead
 * of merging. Exactly the commit shown is taken, not whatever the upstream has by then.
 */
export function gitFastForward(ctx: CommandContext, dir: string, commit: unknown): RemoteCommand {
  const d = flakeDir(dir);
  if (typeof commit !== "string" || !COMMIT.test(commit))
    throw new CommandInputError("commit", "must be a full 40-character hex commit hash", commit);
  return remoteCommand(ctx, {
    kind: "git.fast-forward",
    argv: ["git", "-C", d, "merge", "--ff-only", "--quiet", commit],
    description: `Fast-forward ${d} to ${commit.slice(0, 7)}`,
    readOnly: false,
    cancellable: false,
  });
}
