import "server-only";
// Cancelling a remote command when signals over the channel don't work (sshd ignores "signal"
// requests for root sessions): the command announces its shell's PID, which sshd made a session
// and process-group leader, and a second channel kills the whole group.
import type { Client } from "ssh2";

export const PID_MARKER = "__PANEL_PID__";

/**
 * Prefixes the (already quoted) command so that the first line on stderr (stdout with a pty) is
 * the PID of the remote shell. The command itself is not changed or re-quoted.
 */
export function withPidMarker(command: string): string {
  return `echo ${PID_MARKER} $$ >&2; ${command}`;
}

export function parsePidMarker(line: string): number | null {
  const m = /^__PANEL_PID__ ([1-9][0-9]{0,9})$/.exec(line);
  return m ? Number(m[1]) : null;
}

/** SIGTERM to the group, SIGKILL after `graceMs` if anything in it is still alive. */
export function killGroupScript(pid: number, graceMs: number): string {
  if (!Number.isSafeInteger(pid) || pid < 2) throw new Error(`refusing to kill process group ${pid}`);
  const rounds = Math.max(1, Math.ceil(graceMs / 100));
  return (
    `kill -s TERM -- -${pid} 2>/dev/null || exit 0; i=0; ` +
    `while kill -s 0 -- -${pid} 2>/dev/null; do ` +
    `i=$((i+1)); if [ $i -gt ${rounds} ]; then kill -s KILL -- -${pid} 2>/dev/null; exit 0; fi; sleep 0.1; ` +
    `done`
  );
}

/** Runs the kill script on a second channel of the same connection; resolves when it is done. */
export function killProcessGroup(client: Client, pid: number, graceMs: number): Promise<void> {
  const script = killGroupScript(pid, graceMs);
  return new Promise((resolve) => {
    const giveUp = setTimeout(resolve, graceMs + 5_000);
    try {
      client.exec(script, (err, stream) => {
        if (err) {
          clearTimeout(giveUp);
          resolve();
          return;
        }
        stream.on("data", () => {}).stderr.on("data", () => {});
        stream.on("close", () => {
          clearTimeout(giveUp);
          resolve();
        });
      });
    } catch {
      clearTimeout(giveUp);
      resolve(); // connection already gone
    }
  });
}
