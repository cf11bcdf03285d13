import "server-only";
// Cancelling a remote command when signals over the channel don't work (sshd ignores "signal"
// requests for root sessions): the command announces its shell's PID (the panel's one way to tag a
// remote process), which sshd made a session and process-group leader, and a second channel runs
// lib/commands' one kill script on the whole group (the same script recovery uses).
import type { Client } from "ssh2";
import { killGroupLine } from "../commands/process-commands";

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

/** Runs the kill script on a second channel of the same connection; resolves when it is done. */
export function killProcessGroup(client: Client, pid: number, graceMs: number): Promise<void> {
  let script: string;
  try {
    script = killGroupLine(pid, graceMs);
  } catch {
    return Promise.resolve(); // not a process group id the marker could have announced
  }
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
