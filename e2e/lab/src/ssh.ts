/** SSH to the lab hosts with ssh2, the lab key and the pinned host key fingerprint. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Client } from "ssh2";
import type { ExecOptions, ExecResult, LabHost, LabUser } from "./types";

export function fingerprintOf(key: Buffer): string {
  return "SHA256:" + createHash("sha256").update(key).digest("base64").replace(/=+$/, "");
}

/** Quotes one argument for a POSIX shell. */
export function shQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function toCommand(command: string | string[]): string {
  return Array.isArray(command) ? command.map(shQuote).join(" ") : command;
}

export function sshExec(
  host: LabHost,
  privateKeyPath: string,
  user: LabUser,
  command: string,
  opts: ExecOptions = {},
): Promise<ExecResult> {
  const pinned = opts.fingerprint ?? host.hostKeyFingerprint;
  return new Promise((resolve, reject) => {
    const conn = new Client();
    let settled = false;
    const finish = (err: Error | null, res?: ExecResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      conn.end();
      if (err) reject(err);
      else resolve(res!);
    };
    const timer = setTimeout(
      () => finish(new Error(`ssh ${user}@${host.name}: timed out after ${opts.timeoutMs ?? 120_000} ms: ${command}`)),
      opts.timeoutMs ?? 120_000,
    );
    conn.on("ready", () => {
      conn.exec(command, (err, stream) => {
        if (err) return finish(err);
        let stdout = "";
        let stderr = "";
        let code: number | null = null;
        let signal: string | undefined;
        stream.on("data", (d: Buffer) => {
          const s = d.toString("utf8");
          stdout += s;
          opts.onData?.("stdout", s);
        });
        stream.stderr.on("data", (d: Buffer) => {
          const s = d.toString("utf8");
          stderr += s;
          opts.onData?.("stderr", s);
        });
        stream.on("exit", (c: number | null, sig?: string) => {
          code = c;
          signal = sig ?? undefined;
        });
        stream.on("close", () => finish(null, { stdout, stderr, code, signal }));
      });
    });
    conn.on("error", (err) => finish(new Error(`ssh ${user}@${host.name} (${host.address}): ${err.message}`)));
    // A connection that ends before the command's channel closed (sshd dropped it, the host went
    // away) is an answer too, not a wait for the time-out.
    conn.on("close", () =>
      finish(new Error(`ssh ${user}@${host.name} (${host.address}): connection closed before the command ended: ${command}`)),
    );
    conn.connect({
      host: host.address,
      port: host.sshPort,
      username: user,
      privateKey: readFileSync(privateKeyPath),
      readyTimeout: 15_000,
      hostVerifier: (key: Buffer) => fingerprintOf(key) === pinned,
    });
  });
}
