import "server-only";
// One SSH connection attempt with host-key pinning; every failure becomes a typed error.
import { readFile } from "node:fs/promises";
import type { Duplex } from "node:stream";
import { Client } from "ssh2";
import { HostKeyMismatchError, HostKeyUnknownError, SshAuthRefusedError, SshConnectError, SshKeyFileError } from "./errors";
import { fingerprintOfKey } from "./fingerprint";
import { hostKeyAlgorithms, resolveHostKeyPin } from "./host-key-pin";
import type { SshSettings } from "./settings";
import type { SshTarget } from "./target";

type Ssh2Error = Error & { level?: string; code?: string };

function reasonOf(err: Ssh2Error, target: SshTarget, settings: SshSettings): { reason: string; transient: boolean } {
  if (err.level === "client-authentication")
    return { reason: `authentication as ${target.user} with key ${target.privateKeyPath} was refused`, transient: false };
  if (err.level === "client-timeout") return { reason: `timed out after ${settings.connectTimeoutMs} ms`, transient: true };
  if (err.code === "ECONNREFUSED") return { reason: "connection refused", transient: true };
  if (err.code === "ENOTFOUND" || err.code === "EAI_AGAIN") return { reason: "host name not found", transient: true };
  if (err.code === "EHOSTUNREACH" || err.code === "ENETUNREACH") return { reason: "host unreachable", transient: true };
  return { reason: err.message, transient: true };
}

async function readKey(target: SshTarget, configured: boolean): Promise<Buffer> {
  try {
    return await readFile(target.privateKeyPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    const problem = code === "ENOENT" ? "missing" : "unreadable";
    throw new SshKeyFileError(
      target.host,
      target.port,
      target.privateKeyPath,
      problem,
      `cannot read the private key file ${target.privateKeyPath} (${code})`,
      configured,
    );
  }
}

/**
 * Connects and authenticates once. `sock` is a tunnel through a jump host, if any. The accepted
 * host keys come from the inventory pin and the known_hosts file (host-key-pin.ts).
 */
export async function connectOnce(target: SshTarget, settings: SshSettings, sock?: Duplex): Promise<Client> {
  let pin;
  try {
    pin = await resolveHostKeyPin(target, settings.knownHostsFile);
  } catch (err) {
    sock?.destroy();
    throw err;
  }
  const algorithms = pin.keyTypes ? hostKeyAlgorithms(pin.keyTypes) : [];
  const privateKey = await readKey(target, settings.keyConfigured);
  const { host, port } = target;
  return new Promise<Client>((resolve, reject) => {
    const client = new Client();
    let presented: string | null = null;
    let settled = false;

    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      client.removeAllListeners("ready");
      client.on("error", () => {}); // late errors of the abandoned attempt
      client.end();
      sock?.destroy();
      reject(err);
    };

    client.once("ready", () => {
      if (settled) return;
      settled = true;
      client.removeListener("error", onError);
      resolve(client);
    });
    const onError = (err: Ssh2Error) => {
      if (presented !== null && !pin.accepted.includes(presented)) {
        fail(
          pin.accepted.length === 0
            ? new HostKeyUnknownError(target.machine, host, port, presented)
            : new HostKeyMismatchError(target.machine, host, port, pin.accepted.join(" or "), presented, pin.source),
        );
        return;
      }
      const { reason, transient } = reasonOf(err, target, settings);
      fail(
        err.level === "client-authentication"
          ? new SshAuthRefusedError(host, port, target.user, reason)
          : new SshConnectError(host, port, reason, transient),
      );
    };
    client.on("error", onError);
    client.on("close", () => fail(new SshConnectError(host, port, "connection closed during the handshake")));

    try {
      client.connect({
        host,
        port,
        sock,
        username: target.user,
        privateKey,
        readyTimeout: settings.connectTimeoutMs,
        keepaliveInterval: settings.keepaliveMs,
        keepaliveCountMax: settings.keepaliveCountMax,
        // Keys from known_hosts: negotiate one of their types (as OpenSSH does), not ssh2's first choice.
        ...(algorithms.length > 0 ? { algorithms: { serverHostKey: algorithms } } : {}),
        hostVerifier: (key: Buffer) => {
          presented = fingerprintOfKey(key);
          return pin.accepted.includes(presented);
        },
      });
    } catch {
      // ssh2 throws synchronously for a key it cannot parse; its message never contains the key.
      const why = `the key file ${target.privateKeyPath} is not a usable unencrypted private key`;
      fail(new SshKeyFileError(host, port, target.privateKeyPath, "unusable", why, settings.keyConfigured));
    }
  });
}
