// Cancel and timeout must leave nothing running on the host, also when logged in as root
// (where sshd ignores signal requests). The test sshd runs on this machine, so pgrep sees it all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSshd, type TestSshd } from "../test/sshd";
import { ExecError } from "./errors";
import { exec } from "./exec";
import type { SshPool } from "./pool";
import { processesMatching, testPool, uniqueSleep, waitFor } from "./test-support";

let sshd: TestSshd;
let pool: SshPool;
/** How long starting any session takes here (root's ~/.bashrc on this machine alone takes ~2 s). */
let sessionMs = 0;

beforeAll(async () => {
  sshd = await startSshd();
  pool = testPool();
  await exec(sshd.target(), { command: "true", pool });
  const t0 = Date.now();
  await exec(sshd.target(), { command: "true", pool });
  sessionMs = Date.now() - t0;
});
afterAll(async () => {
  pool?.closeAll();
  await sshd?.dispose();
});

async function cancelWhenRunning(command: string, pattern: string, pty = false) {
  const controller = new AbortController();
  const started = exec(sshd.target(), { command, pool, pty, signal: controller.signal });
  const outcome = started.catch((err: unknown) => err);
  await waitFor(() => processesMatching(pattern).length > 0, 15_000, `${pattern} to start`);
  const t0 = Date.now();
  controller.abort();
  const err = await outcome;
  return { err, ms: Date.now() - t0 };
}

describe("cancel", () => {
  it("runs as root here, where channel signals are ignored", () => {
    expect(sshd.user).toBe("root");
  });

  it("kills a cancelled sleep and leaves no process behind", async () => {
    const s = uniqueSleep();
    const { err, ms } = await cancelWhenRunning(`sleep ${s}`, `sleep ${s}`);
    expect(err).toBeInstanceOf(ExecError);
    expect(err).toMatchObject({ reason: "cancelled", code: "exec_cancelled", signal: "SIGTERM" });
    expect(ms).toBeLessThan(2 * sessionMs + 1_500); // the kill runs in a second session
    expect(processesMatching(s)).toEqual([]);
  });

  it("kills a whole pipeline and background children", async () => {
    const s = uniqueSleep();
    const tag = `panel-yes-${s}`;
    const command = `sleep 1${s} & yes ${tag} | head -n 100000000 > /dev/null; sleep ${s}`;
    const { err } = await cancelWhenRunning(command, `yes ${tag}`);
    expect(err).toMatchObject({ reason: "cancelled" });
    await waitFor(() => processesMatching(s).length === 0, 3_000, "no leftovers");
    expect(processesMatching(tag)).toEqual([]);
  });

  it("falls back to SIGKILL for a command that ignores SIGTERM", async () => {
    const s = uniqueSleep();
    const { err, ms } = await cancelWhenRunning(`trap '' TERM; sleep ${s}; sleep ${s}`, `sleep ${s}`);
    expect(err).toMatchObject({ reason: "cancelled" });
    expect(ms).toBeGreaterThanOrEqual(900); // the grace period (1 s in the test pool)
    await waitFor(() => processesMatching(s).length === 0, 3_000, "no leftovers");
  });

  it("cancels with a pty too", async () => {
    const s = uniqueSleep();
    const { err } = await cancelWhenRunning(`sleep ${s}`, `sleep ${s}`, true);
    expect(err).toMatchObject({ reason: "cancelled" });
    await waitFor(() => processesMatching(s).length === 0, 3_000, "no leftovers");
  });

  it("refuses to start when the signal is already aborted", async () => {
    const err = await exec(sshd.target(), { command: "true", pool, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: "cancelled" });
  });

  it("cancels right after start, before the command announced its PID", async () => {
    const s = uniqueSleep();
    const controller = new AbortController();
    const outcome = exec(sshd.target(), { command: `sleep ${s}`, pool, signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 10);
    expect(await outcome).toMatchObject({ reason: "cancelled" });
    await waitFor(() => processesMatching(s).length === 0, 3_000, "no leftovers");
  });
});

describe("timeout", () => {
  it("kills the command and fails with 'timed out after N s'", async () => {
    const s = uniqueSleep();
    const t0 = Date.now();
    const err = await exec(sshd.target(), { command: `sleep ${s}`, pool, timeoutMs: 4_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect(err).toMatchObject({ reason: "timeout", code: "exec_timeout" });
    expect((err as ExecError).message).toContain("timed out after 4 s");
    expect(Date.now() - t0).toBeLessThan(8_000);
    await waitFor(() => processesMatching(s).length === 0, 3_000, "no leftovers");
  });
});
