// Stopping what a job left running on a host after the panel itself stopped (recovery at start-up).
// Unlike cancel, the connection that started the command is gone, and its process group id may
// have been reused by now: the script only signals the group when one of its processes is still
// the session an SSH login made (group id = session id, SSH_CONNECTION in its environment).
import { intInRange } from "./names";
import { remoteCommand, type CommandContext, type RemoteCommand } from "./remote-command";

/**
 * $1 = process group, $2 = rounds of 0.1 s between SIGTERM and SIGKILL. Prints one word:
 * gone (no such group), not-ours (a group with that id that no SSH login made: left alone),
 * terminated (ended after SIGTERM), killed (needed SIGKILL).
 */
export const KILL_LEFTOVER_SCRIPT = [
  "pg=$1; rounds=$2",
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
  '[ -n "$ours" ] || { echo not-ours; exit 0; }',
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

/** Kills process group `pgid` (as recorded from the job's PID marker) if it is still a job's SSH session. */
export function killLeftoverGroup(ctx: CommandContext, pgid: unknown, graceMs: number): RemoteCommand {
  const pid = intInRange(pgid, "pid", 2, 2 ** 31 - 1);
  const rounds = Math.max(1, Math.min(600, Math.ceil(graceMs / 100)));
  return remoteCommand(ctx, {
    kind: "process.kill-leftover",
    argv: ["sh", "-c", KILL_LEFTOVER_SCRIPT, "panel-kill-leftover", String(pid), String(rounds)],
    description: `Stop process group ${pid} left by an interrupted job`,
    readOnly: false,
    cancellable: true,
  });
}
