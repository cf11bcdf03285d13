import "server-only";
// What the known_hosts file (SSH_KNOWN_HOSTS_FILE) says about one inventory machine, for its page:
// the keys it pins when the inventory has none, or the conflict that makes the panel refuse it.
import { DomainError } from "../errors";
import { HostKeyConflictError } from "./errors";
import { resolveHostKeyPin } from "./host-key-pin";
import { sshSettingsFromEnv } from "./settings";

export type FilePin =
  { kind: "pinned"; fingerprints: string[]; source: string } | { kind: "conflict"; message: string } | { kind: "error"; message: string };

type MachineKeyFields = { name: string; sshHost: string | null; sshPort: number; hostKeyFingerprint: string | null };

/** null: no file configured, no SSH host, or the file has nothing to add to the inventory's pin. */
export async function filePinOf(m: MachineKeyFields, file = sshSettingsFromEnv().knownHostsFile): Promise<FilePin | null> {
  if (!file || !m.sshHost) return null;
  const target = {
    machine: m.name,
    host: m.sshHost,
    port: m.sshPort,
    user: "-",
    hostKeyFingerprint: m.hostKeyFingerprint,
    privateKeyPath: "-",
  };
  try {
    const pin = await resolveHostKeyPin(target, file);
    return pin.source ? { kind: "pinned", fingerprints: pin.accepted, source: pin.source } : null;
  } catch (err) {
    if (err instanceof HostKeyConflictError) return { kind: "conflict", message: err.message };
    if (err instanceof DomainError) return { kind: "error", message: err.message };
    throw err;
  }
}
