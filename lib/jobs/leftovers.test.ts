// Recovery on the hosts, when the host cannot be reached or must not be touched: start-up goes on,
// the outcome is bounded and noted in each job's log. (Killing on a real host: recovery.int.test.ts.)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { utils } from "ssh2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import { createSshPool, type SshPool } from "../ssh/pool";
import { INTERRUPTED_MESSAGE } from "./job-store";
import { readLog } from "./log-read";
import { LogStore } from "./log-store";
import { JobRunner } from "./runner";

const tdb = useTestDatabase();
let pool: SshPool;
let dir = "";

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

const logOf = async (jobId: number) => (await readLog(tdb.client(), jobId, 0, 1e9)).map((l) => [l.seq, l.stream, l.text]);

beforeAll(async () => {
  const m = await tdb.client().machine.create({
    data: {
      name: "gone",
      system: "x86_64-linux",
      role: "testing",
      sshHost: "127.0.0.1",
      sshPort: await closedPort(),
      sshUser: "admin",
      hostKeyFingerprint: "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    },
  });
  const running = (kind: string, remotePid: number | null) =>
    tdb.client().job.create({ data: { kind, machineId: m.id, status: "running", startedAt: new Date(), remotePid } });
  const build = await running("build", 4242);
  const store = new LogStore(tdb.url());
  expect(store.tryAppend(build.id, [{ seq: 1, stream: "stdout", text: "compiling part 1", at: new Date() }])).toBe(true);
  store.close();
  await running("deploy", 4343);
  await running("generations", null);
  dir = mkdtempSync(join(tmpdir(), "panel-leftovers-"));
  writeFileSync(join(dir, "id_ed25519"), utils.generateKeyPairSync("ed25519").private, { mode: 0o600 });
  pool = createSshPool({ keyFile: join(dir, "id_ed25519"), connectAttempts: 1, connectTimeoutMs: 1_000, killGraceMs: 200 });
});

afterAll(() => {
  pool?.closeAll();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("recovery on an unreachable host", () => {
  it("marks the jobs interrupted at once, then notes in each job's log what happened on its host", async () => {
    const runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 20 } });
    const lines: number[] = [];
    runner.on("lines", ({ jobId }) => lines.push(jobId));
    const report = await runner.start();
    expect(report.interrupted).toEqual([1, 2, 3]);
    const jobs = await tdb.client().job.findMany({ orderBy: { id: "asc" } });
    expect(jobs.map((j) => [j.status, j.message])).toEqual([1, 2, 3].map(() => ["interrupted", INTERRUPTED_MESSAGE]));
    // Jobs may be started while the hosts are being asked: recovery does not hold the runner.
    expect(runner.accepting).toBe(true);

    const results = await runner.leftovers();
    expect(results.map((r) => [r.id, r.outcome])).toEqual([
      [1, "failed"],
      [2, "left-running"],
    ]);
    expect(await logOf(1)).toEqual([
      [1, "stdout", "compiling part 1"],
      [
        2,
        "system",
        expect.stringMatching(
          /^Recovery: could not stop what this job may have left running on gone \(process group 4242\): .*(refused|ECONNREFUSED).*\. Check the machine\.$/,
        ),
      ],
    ]);
    expect(await logOf(2)).toEqual([
      [
        1,
        "system",
        expect.stringContaining(
          "deploy's process group 4343 was not stopped: stopping a deploy half-way can leave a half-switched machine",
        ),
      ],
    ]);
    expect(await logOf(3)).toEqual([]);
    expect(lines.sort()).toEqual([1, 2]);
    await runner.shutdown(100);
  });
});
