import "server-only";
// A connection error as the machine page says it: what is wrong, and whether the first-run page
// (key, authorized keys, host key) is where to fix it. Never only an errno.
import { HostKeyMismatchError, HostKeyUnknownError, SshAuthRefusedError, SshKeyFileError } from "../ssh/errors";
import { explainConnectionError, type Explained } from "./check-fixes";

export function explainError(err: unknown): Explained {
  if (err instanceof SshKeyFileError)
    return explainConnectionError({ kind: "key", path: err.keyFile, configured: err.configured, problem: err.problem });
  if (err instanceof SshAuthRefusedError) return explainConnectionError({ kind: "auth", user: err.user, host: err.host });
  if (err instanceof HostKeyUnknownError) return explainConnectionError({ kind: "host-key-unknown" });
  if (err instanceof HostKeyMismatchError) return explainConnectionError({ kind: "host-key-changed" });
  return explainConnectionError({ kind: "other", message: err instanceof Error ? err.message : String(err) });
}
