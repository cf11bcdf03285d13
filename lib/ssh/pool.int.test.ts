// Connection manager against a real sshd: pinning, connection loss, reconnect, jump host.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSshd, type TestSshd } from "../test/sshd";
import { ExecError, HostKeyMismatchError, HostKeyUnknownError, SshConnectError } from "./errors";
import { exec } from "./exec";
import type { SshPool } from "./pool";
import { run } from "./run";
import { processesMatching, silentableProxy, testPool, uniqueSleep, waitFor } from "./test-support";

let sshd: TestSshd;
let pool: SshPool;

beforeAll(async () => {
  sshd = await startSshd();
  pool = testPool();
});
afterAll(async () => {
  pool?.closeAll();
  await sshd?.dispose();
});

describe("host key pinning", () => {
  it("refuses a host without a pinned key, carrying the fingerprint it presented", async () => {
    const err = await run(sshd.target({ machine: "new-host", hostKeyFingerprint: null }), "true", { pool }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostKeyUnknownError);
    expect(err).toMatchObject({ code: "ssh_host_key_unknown", presentedFingerprint: sshd.hostKeyFingerprint });
    expect(pool.isConnected("new-host")).toBe(false);
  });

  it("refuses a changed host key loudly, naming both fingerprints", async () => {
    const old = sshd.hostKeyFingerprint;
    expect(await run(sshd.target({ machine: "rekeyed" }), "echo ok", { pool })).toBe("ok");
    await sshd.restart({ newHostKey: true });
    expect(sshd.hostKeyFingerprint).not.toBe(old);

    const err = await run(sshd.target({ machine: "rekeyed", hostKeyFingerprint: old }), "true", { pool }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostKeyMismatchError);
    expect(err).toMatchObject({ code: "ssh_host_key_mismatch", expectedFingerprint: old, presentedFingerprint: sshd.hostKeyFingerprint });
    expect((err as Error).message).toMatch(/HOST KEY MISMATCH/);
    expect((err as Error).message).toContain(old);
    expect((err as Error).message).toContain(sshd.hostKeyFingerprint);

    // Once an admin trusts the new key (the inventory changes), the same machine connects.
    expect(await run(sshd.target({ machine: "rekeyed" }), "echo ok", { pool })).toBe("ok");
  });
});

describe("connection loss and reconnect", () => {
  it("fails a running command with 'connection lost' when the host goes away, within bounded time", async () => {
    const s = uniqueSleep();
    const outcome = exec(sshd.target(), { command: `sleep ${s}`, pool }).catch((e: unknown) => e);
    await waitFor(() => processesMatching(`sleep ${s}`).length > 0, 15_000, "sleep to start");
    const t0 = Date.now();
    await sshd.stop();
    const err = await outcome;
    expect(err).toBeInstanceOf(ExecError);
    expect(err).toMatchObject({ reason: "connection_lost", code: "exec_connection_lost" });
    expect((err as Error).message).toContain("connection lost");
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(pool.isConnected("test-sshd")).toBe(false);
  });

  it("gives up with a clear error after bounded attempts while the host is down", async () => {
    const t0 = Date.now();
    const err = await run(sshd.target(), "true", { pool }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshConnectError);
    expect((err as Error).message).toMatch(/connection refused \(gave up after 3 attempts\)/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300); // backoff 100 + 200 ms
  });

  it("reconnects on the next use once the host is back, also while backing off", async () => {
    const pending = run(sshd.target(), "echo back", { pool });
    setTimeout(() => void sshd.restart(), 50);
    expect(await pending).toBe("back");
    expect(pool.isConnected("test-sshd")).toBe(true);
  });

  it("notices a silently dead network path by keepalive and fails with 'connection lost'", async () => {
    const proxy = await silentableProxy(sshd.port);
    try {
      const target = sshd.target({ machine: "flaky", port: proxy.port });
      const s = uniqueSleep();
      let remotePid = 0;
      const outcome = exec(target, { command: `sleep ${s}`, pool, onRemotePid: (pid) => (remotePid = pid) }).catch((e: unknown) => e);
      await waitFor(() => remotePid > 0 && processesMatching(`sleep ${s}`).length > 0, 15_000, "sleep to start");
      const t0 = Date.now();
      proxy.goSilent();
      const err = await outcome;
      expect(err).toMatchObject({ reason: "connection_lost" });
      expect(Date.now() - t0).toBeLessThan(8_000); // keepalive 1 s x 3 in the test pool
      expect(pool.isConnected("flaky")).toBe(false);
      // Without a pty the command outlives the connection; the error names its process group.
      expect(processesMatching(`sleep ${s}`)).toHaveLength(1);
      expect((err as ExecError).remotePid).toBe(remotePid);
      await run(sshd.target(), `kill -s TERM -- -${remotePid}`, { pool });
      await waitFor(() => processesMatching(`sleep ${s}`).length === 0, 3_000, "the orphan to be killed");
    } finally {
      proxy.close();
    }
  });

  it("reports a refused login without retrying", async () => {
    const t0 = Date.now();
    const err = await run(sshd.target({ machine: "wrong-user", user: "nobody" }), "true", { pool }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshConnectError);
    expect(err).toMatchObject({ transient: false });
    expect((err as Error).message).toContain("authentication as nobody");
    expect(Date.now() - t0).toBeLessThan(3_000);
  });

  it("reports an unreadable key file without leaking anything but its path", async () => {
    const err = await run(sshd.target({ machine: "no-key", privateKeyPath: "/nonexistent/key" }), "true", { pool }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SshConnectError);
    expect((err as Error).message).toContain("cannot read the private key file /nonexistent/key (ENOENT)");
  });
});

describe("jump host", () => {
  it("connects through another machine with forwardOut", async () => {
    const before = sshd.acceptedLogins();
    const target = sshd.target({ machine: "behind-jump", jump: sshd.target({ machine: "jump" }) });
    expect(await run(target, "echo $SSH_CLIENT | cut -d' ' -f1", { pool })).toBe("127.0.0.1");
    expect(sshd.acceptedLogins() - before).toBe(2); // the jump host and the target
    expect(pool.isConnected("jump")).toBe(true);
    expect(pool.isConnected("behind-jump")).toBe(true);
  });
});
