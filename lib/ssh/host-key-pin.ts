import "server-only";
// Which host keys a connection accepts: the inventory's pin, the known_hosts file
// (SSH_KNOWN_HOSTS_FILE), or both. Precedence (documented in README and nix/README.md):
//   1. inventory pin, no file entry for host:port      -> the inventory pin
//   2. inventory pin listed (not @revoked) in the file -> the inventory pin
//   3. inventory pin, file lists other keys or revokes it -> HostKeyConflictError, no connection
//   4. no inventory pin, file lists keys                -> any key the file lists (not @revoked)
//   5. neither                                          -> nothing (HostKeyUnknownError on connect)
// The file never silently overrides the inventory, nor the other way round.
import { readFile } from "node:fs/promises";
import type { ServerHostKeyAlgorithm } from "ssh2";
import { HostKeyConflictError, SshConnectError } from "./errors";
import { entriesFor, parseKnownHosts, type KnownHosts } from "./known-hosts";
import type { SshTarget } from "./target";

export type HostKeyPin = {
  /** Fingerprints the host may present; empty = none trusted yet. */
  accepted: string[];
  /** null: the inventory; otherwise a description of the file lines the keys come from. */
  source: string | null;
  /** Key types of the accepted keys when known (from the file), to negotiate one of them. */
  keyTypes: string[] | null;
};

const lines = (ns: number[]) => (ns.length === 1 ? `line ${ns[0]}` : `lines ${ns.join(", ")}`);

/** Pure precedence rules over an already parsed file (null = no file configured). */
export function hostKeyPin(target: SshTarget, known: KnownHosts | null): HostKeyPin {
  const pinned = target.hostKeyFingerprint;
  const matching = known ? entriesFor(known, target.host, target.port) : [];
  const revoked = new Set(matching.filter((e) => e.revoked).map((e) => e.fingerprint));
  const listed = matching.filter((e) => !e.revoked && !revoked.has(e.fingerprint));
  const where = (es: typeof matching) => `the known_hosts file ${known?.path} ${lines(es.map((e) => e.line))}`;

  if (pinned !== null) {
    if (revoked.has(pinned)) {
      const at = matching.filter((e) => e.revoked && e.fingerprint === pinned);
      throw new HostKeyConflictError(target.machine, target.host, target.port, pinned, `${where(at)} marks it @revoked`);
    }
    if (listed.length > 0 && !listed.some((e) => e.fingerprint === pinned)) {
      const fps = [...new Set(listed.map((e) => e.fingerprint))].join(", ");
      throw new HostKeyConflictError(target.machine, target.host, target.port, pinned, `${where(listed)} lists ${fps}`);
    }
    return { accepted: [pinned], source: null, keyTypes: null };
  }
  if (listed.length === 0) return { accepted: [], source: null, keyTypes: null };
  return {
    accepted: [...new Set(listed.map((e) => e.fingerprint))],
    source: where(listed),
    keyTypes: [...new Set(listed.map((e) => e.keyType))],
  };
}

/** Reads the file (when configured) and applies the precedence rules. An unreadable file fails loudly. */
export async function resolveHostKeyPin(target: SshTarget, knownHostsFile: string | null): Promise<HostKeyPin> {
  if (!knownHostsFile) return hostKeyPin(target, null);
  let text: string;
  try {
    text = await readFile(knownHostsFile, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new SshConnectError(target.host, target.port, `cannot read the known_hosts file ${knownHostsFile} (${code})`, false);
  }
  return hostKeyPin(target, parseKnownHosts(text, knownHostsFile));
}

/** ssh2 host key algorithms for the key types a known_hosts file lists, in ssh2's preference order. */
export function hostKeyAlgorithms(keyTypes: string[]): ServerHostKeyAlgorithm[] {
  const order: ServerHostKeyAlgorithm[] = [
    "ssh-ed25519",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "rsa-sha2-512",
    "rsa-sha2-256",
    "ssh-rsa",
  ];
  const wanted = new Set(keyTypes.flatMap((t) => (t === "ssh-rsa" ? ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] : [t])));
  return order.filter((a) => wanted.has(a));
}
