// Stopping a remote command's whole process group (the remote shell announced its id: lib/ssh's PID
// marker). One script for both cases:
// - cancel, over a second channel of the connection that still runs the command: the group is
//   certainly the command's ("any");
// - recovery at start-up, for what a job left running after the panel itself stopped: the
//   connection is gone and the id may have been reused, so the group is signalled only when one of
//   its processes is still the session an SSH login made (group id = session id, SSH_CONNECTION in
//   its environment: "ssh-session").
import { intInRange } from "./names";
import { toShell } from "./quote";
import { remoteCommand, type CommandContext, type RemoteCommand } from "./remote-command";

/**
 * $1 = process group, $2 = rounds of 0.1 s between SIGTERM and SIGKILL, $3 = which groups it may
 * signal ("any" or "ssh-session"). Prints one word: gone (no such group), not-ours (with
 * "ssh-session": a group with that id that no SSH login made, left alone), terminated (ended after
 * SIGTERM), killed (needed SIGKILL).
 */
const KILL_GROUP_SCRIPT = [
  "pg=$1; rounds=$2; only=$3",
  // scan [ours]: seen=1 when a live (not zombie) process is in the group; with "ours", ours=1 when
  // one of them leads its session and has SSH_CONNECTION (unreadable environ: another user's
  // process, which kill cannot reach either).
  "scan() {",
  "  seen=; ours=; want=$1",
  "  for st in /proc/[0-9]*/stat; do",
  '    { read -r line < "$st"; } 2>/dev/null || continue',
  "    set -- ${line##*) }",
  '    [ "$3" = "$pg" ] && [ "$1" != Z ] || continue',
  "    seen=1",
  '    [ -n "$want" ] && [ "$4" = "$pg" ] || continue',
  '    env=$(tr "\\0" "\\n" < "${st%/stat}/environ" 2>/dev/null) || { ours=1; continue; }',
  '    case "$env" in *SSH_CONNECTION=*) ours=1;; esac',
  "  done",
  "}",
  "scan ours",
  '[ -n "$seen" ] || { echo gone; exit 0; }',
  '[ "$only" = any ] || [ -n "$ours" ] || { echo not-ours; exit 0; }',
  'kill -s TERM -- "-$pg" 2>/dev/null',
  "i=0",
  'while scan; [ -n "$seen" ]; do',
  "  i=$((i+1))",
  '  if [ "$i" -gt "$rounds" ]; then kill -s KILL -- "-$pg" 2>/dev/null; echo killed; exit 0; fi',
  "  sleep 0.1",
  "done",
  "echo terminated",
].join("\n");

export type LeftoverOutcome = "gone" | "not-ours" | "terminated" | "killed";

export function parseLeftoverOutcome(stdout: string): LeftoverOutcome | null {
  const word = stdout.trim().split("\n").at(-1)?.trim();
  return word === "gone" || word === "not-ours" || word === "terminated" || word === "killed" ? word : null;
}

function killArgv(pgid: unknown, graceMs: number, only: "any" | "ssh-session"): string[] {
  const pid = intInRange(pgid, "pid", 2, 2 ** 31 - 1);
  const rounds = Math.max(1, Math.min(600, Math.ceil(graceMs / 100)));
  return ["sh", "-c", KILL_GROUP_SCRIPT, "panel-kill-group", String(pid), String(rounds), only];
}

/** Cancel: the command line that stops process group `pgid` of a command this connection still runs. */
export function killGroupLine(pgid: unknown, graceMs: number): string {
  return toShell(killArgv(pgid, graceMs, "any"));
}

/** Recovery: kills process group `pgid` (as recorded from the job's PID marker) if it is still a job's SSH session. */
export function killLeftoverGroup(ctx: CommandContext, pgid: unknown, graceMs: number): RemoteCommand {
  const pid = intInRange(pgid, "pid", 2, 2 ** 31 - 1);
  return remoteCommand(ctx, {
    kind: "process.kill-leftover",
    argv: killArgv(pid, graceMs, "ssh-session"),
    description: `Stop process group ${pid} left by an interrupted job`,
    readOnly: false,
    cancellable: true,
  });
}
