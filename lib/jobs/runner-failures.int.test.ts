// The runner against a throwaway local sshd (no lab needed): a job that outlives its kind's
// time-out and a job whose connection drops both end `failed` with a clear message, in bounded
// time, and leave nothing running. The host's nix and nix-env are stand-ins that print a line and sleep.
import { execFileSync } from "node:child_process";
import { appendFileSync, chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import { startSshd, type TestSshd } from "../test/sshd";
import { createSshPool, type SshPool } from "../ssh/pool";
import { loadJob } from "./job-store";
import { readLog } from "./log-read";
import { JobRunner } from "./runner";

const tdb = useTestDatabase();
const SLEEP = 4242; // a distinctive duration, to find leftovers with pgrep
let sshd: TestSshd;
let pool: SshPool;
let runner: JobRunner;

const sleepers = () => {
  try {
    return execFileSync("pgrep", ["-f", `sleep ${SLEEP}`], { encoding: "utf8" }).trim();
  } catch {
    return ""; // pgrep exits 1 when nothing matches
  }
};

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const finished = (id: number, timeoutMs: number) =>
  waitFor(
    `job ${id} to end`,
    async () => {
      const job = await loadJob(tdb.client(), id);
      return ["queued", "running"].includes(job.status) ? null : job;
    },
    timeoutMs,
  );

const logOf = async (id: number) => (await readLog(tdb.client(), id, 0, 1e9)).map((l) => l.text);

beforeAll(async () => {
  sshd = await startSshd();
  // Every session gets a PATH where nix and nix-env are the slow stand-ins; the command itself (with its PID
  // marker, and the kill script the panel sends on a second channel) runs unchanged.
  const bin = join(sshd.dir, "bin");
  mkdirSync(bin);
  for (const tool of ["nix", "nix-env"]) {
    writeFileSync(join(bin, tool), `#!/bin/sh\necho "stand-in ${tool} started"\nexec sleep ${SLEEP}\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  appendFileSync(join(sshd.dir, "sshd_config"), `ForceCommand PATH=${bin}:$PATH; eval "$SSH_ORIGINAL_COMMAND"\n`);
  await sshd.restart();

  await tdb.client().machine.create({
    data: {
      name: "local",
      system: "x86_64-linux",
      role: "testing",
      sshHost: sshd.host,
      sshPort: sshd.port,
      sshUser: sshd.user,
      hostKeyFingerprint: sshd.hostKeyFingerprint,
    },
  });
  pool = createSshPool({ keyFile: sshd.privateKeyPath, connectAttempts: 1, killGraceMs: 500 });
  runner = new JobRunner({
    db: tdb.client(),
    databaseUrl: tdb.url(),
    pool,
    settings: { flushMs: 50, timeouts: { eval: 60_000, build: 60_000, deploy: 60_000, query: 1_500 } },
  });
  await runner.start();
});

afterAll(async () => {
  await runner?.shutdown(1000);
  pool?.closeAll();
  await sshd?.dispose();
});

describe("a job that runs too long", () => {
  it("ends failed with 'timed out' after its kind's time-out, and its remote process is gone", async () => {
    const started = Date.now();
    const { id } = await runner.enqueue({ machine: "local", kind: "generations", args: {}, requestedById: null });
    const job = await finished(id, 20_000);
    const took = Date.now() - started;
    expect(job.status, job.message).toBe("failed");
    expect(job.message).toMatch(/timed out/i);
    expect(took).toBeGreaterThanOrEqual(1_400);
    expect(took).toBeLessThan(10_000);
    expect(await logOf(id)).toContain("stand-in nix-env started");
    await waitFor("the stand-in to be killed", async () => (sleepers() === "" ? true : null), 5_000);
  });
});

describe("a job whose connection drops", () => {
  it("ends failed with 'connection lost' soon after sshd dies, never hanging", async () => {
    const { id } = await runner.enqueue({ machine: "local", kind: "validate", args: {}, requestedById: null });
    await waitFor("the job to run", async () => ((await loadJob(tdb.client(), id)).status === "running" ? true : null), 10_000);
    await waitFor(
      "the remote command to start",
      async () => ((await tdb.client().job.findUnique({ where: { id } }))?.remotePid ? true : null),
      10_000,
    );
    const stoppedAt = Date.now();
    await sshd.stop();
    const job = await finished(id, 30_000);
    expect(job.status, job.message).toBe("failed");
    expect(job.message).toMatch(/connection lost/i);
    expect(job.message).toContain("local");
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    expect((await logOf(id)).at(-1)).toMatch(/^failed: /);
    await sshd.restart();
  });
});

describe("a remote process group the database does not store", () => {
  it("is logged and said in the job's log (recovery after a crash would need it), and the job goes on", async () => {
    // A real SQLite refusal, as a full disk or a locked file would give.
    await tdb.client().$executeRawUnsafe(
      `CREATE TRIGGER "refuse_remote_pid" BEFORE UPDATE OF "remotePid" ON "Job" WHEN NEW."remotePid" IS NOT NULL
       BEGIN SELECT RAISE(ABORT, 'disk I/O error (test)'); END`,
    );
    try {
      const { id } = await runner.enqueue({ machine: "local", kind: "generations", args: {}, requestedById: null });
      const job = await finished(id, 20_000);
      expect(job.status, job.message).toBe("failed");
      expect(job.message).toMatch(/timed out/i); // the job itself ran on as before
      expect(job.remotePid).toBeNull();
      const note = (await logOf(id)).find((l) => l.startsWith("Could not record the remote process group"));
      // One line: the reason Prisma gives last (for a trigger's RAISE(ABORT), its constraint wording), then what it means.
      expect(note).toMatch(
        /^Could not record the remote process group \(\d+\) of this job: \S[^\n]*constraint[^\n]*\. Should the panel stop/i,
      );
      expect(note).toContain("the next start cannot stop what it left running on the host");
      await waitFor("the stand-in to be killed", async () => (sleepers() === "" ? true : null), 5_000);
    } finally {
      await tdb.client().$executeRawUnsafe(`DROP TRIGGER "refuse_remote_pid"`);
    }
  });
});
