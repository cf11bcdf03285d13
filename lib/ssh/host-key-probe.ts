import "server-only";
// Which host key a machine presents, without logging in: the handshake stops at the host key.
import { Client, type ServerHostKeyAlgorithm } from "ssh2";
import { SshConnectError } from "./errors";
import { fingerprintOfKey } from "./fingerprint";

export async function presentedHostKey(
  host: string,
  port: number,
  timeoutMs: number,
  algorithms: ServerHostKeyAlgorithm[] = [],
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const client = new Client();
    let presented: string | null = null;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      client.removeAllListeners("ready");
      client.on("error", () => {});
      client.end();
      if (presented) resolve(presented);
      else reject(new SshConnectError(host, port, `no host key was presented within ${timeoutMs} ms`));
    };
    client.on("error", (err: Error & { level?: string }) => {
      if (!presented && !done) {
        done = true;
        client.end();
        reject(new SshConnectError(host, port, err.level === "client-timeout" ? `timed out after ${timeoutMs} ms` : err.message));
        return;
      }
      finish();
    });
    client.on("close", finish);
    client.on("ready", finish); // never: the verifier refuses every key
    client.connect({
      host,
      port,
      username: "panel-host-key-probe",
      readyTimeout: timeoutMs,
      ...(algorithms.length > 0 ? { algorithms: { serverHostKey: algorithms } } : {}),
      hostVerifier: (key: Buffer) => {
        presented = fingerprintOfKey(key);
        return false;
      },
    });
  });
}
