import "server-only";
// How an error thrown while a job ran becomes its verdict (never a hang, never a silent "running").
import { DomainError } from "../errors";
import { ExecError, SshConnectError } from "../ssh/errors";
import type { Finish } from "./job-store";

export function verdictOf(err: unknown, machine: string, cancelReason: string | null): Finish {
  if (err instanceof ExecError) {
    switch (err.reason) {
      case "cancelled":
        return { status: "cancelled", message: cancelReason ?? "Cancelled." };
      case "timeout":
        return { status: "failed", message: `Timed out: ${err.message}` };
      case "connection_lost":
        return { status: "failed", message: `Lost the connection to ${machine}: ${err.message}` };
      default:
        return { status: "failed", exitCode: err.exitCode, message: err.message + (err.stderrTail ? `\n${err.stderrTail}` : "") };
    }
  }
  // Host key refusals carry both fingerprints in their message; connection errors name the host.
  if (err instanceof SshConnectError || err instanceof DomainError) return { status: "failed", message: err.message };
  console.error("[jobs] unexpected error:", err);
  return { status: "failed", message: `Internal error: ${err instanceof Error ? err.message : String(err)}` };
}
