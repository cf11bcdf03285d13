// Shared helpers for the lib/ssh integration tests (not imported by production code).
import { execFileSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { connect, createServer, type AddressInfo, type Socket } from "node:net";
import { createSshPool, type SshPool } from "./pool";

export function testPool(): SshPool {
  return createSshPool({
    connectTimeoutMs: 3_000,
    connectAttempts: 3,
    backoffBaseMs: 100,
    keepaliveMs: 1_000,
    keepaliveCountMax: 3,
    killGraceMs: 1_000,
  });
}

/** A `sleep` argument no other process on this machine has: "300.<random>". */
export function uniqueSleep(): string {
  return `300.${randomInt(100_000, 999_999)}`;
}

/** PIDs of local processes whose command line contains `pattern` (the test sshd runs here). */
export function processesMatching(pattern: string): number[] {
  try {
    return execFileSync("pgrep", ["-f", "--", pattern], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

export async function waitFor(check: () => boolean, timeoutMs = 5_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A TCP forwarder to a local port that can go silent (no FIN, no RST), like a dead network path. */
export async function silentableProxy(port: number): Promise<{ port: number; goSilent(): void; close(): void }> {
  const sockets: Socket[] = [];
  const server = createServer((inbound) => {
    const outbound = connect(port, "127.0.0.1");
    inbound.pipe(outbound).on("error", () => {});
    outbound.pipe(inbound).on("error", () => {});
    sockets.push(inbound, outbound);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    goSilent: () => {
      for (const s of sockets) {
        s.unpipe();
        s.pause();
      }
    },
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}
