// npm run bench:jobs — how fast the jobs engine stores a chatty command's output.
// A job runs `seq 1 200000` on the lab's frame1 (the benchmark-only "bench-seq" kind); we time it
// from enqueue to its final status (every line committed to SQLite), against the real OpenSSH
// client running the same command with the same key to /dev/null, and sample the RSS.
// Last line of output: one JSON object with every figure.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lab } from "../e2e/lab";
import { createDb } from "../lib/db/client";
import { countLogLines } from "../lib/jobs/log-read";
import { migrate } from "../lib/db/migrate";
import { JobRunner } from "../lib/jobs/runner";
import { createSshPool } from "../lib/ssh/pool";

const LINES = 200_000;
const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function openssh(key: string, knownHosts: string, host: string): Promise<number> {
  const t0 = performance.now();
  const args = ["-i", key, "-o", `UserKnownHostsFile=${knownHosts}`, "-o", "BatchMode=yes", `admin@${host}`, `seq 1 ${LINES}`];
  const child = spawn("ssh", args, { stdio: ["ignore", "ignore", "inherit"] });
  return new Promise((ok, fail) =>
    child.on("close", (code) => (code === 0 ? ok(performance.now() - t0) : fail(new Error(`ssh exited ${code}`)))),
  );
}

async function main(): Promise<void> {
  const info = await lab.up({ onProgress: () => {} });
  const frame1 = info.hosts.find((h) => h.name === "frame1")!;
  const dir = mkdtempSync(join(tmpdir(), "bench-jobs-"));
  const url = `file:${join(dir, "bench.db")}`;
  await migrate(url);
  const db = createDb(url);
  const pool = createSshPool({ keyFile: info.privateKeyPath });
  const runner = new JobRunner({ db, databaseUrl: url, pool });
  try {
    await runner.start();
    await db.machine.create({
      data: {
        name: "frame1",
        system: "x86_64-linux",
        role: "testing",
        sshHost: frame1.address,
        sshUser: "admin",
        hostKeyFingerprint: frame1.hostKeyFingerprint,
      },
    });
    const runJob = async (count: number) => {
      const t0 = performance.now();
      const { id } = await runner.enqueue({ machine: "frame1", kind: "bench-seq", args: { count }, requestedById: null });
      await runner.idle();
      const job = await db.job.findUniqueOrThrow({ where: { id } });
      if (job.status !== "succeeded") throw new Error(`bench job ${id} ${job.status}: ${job.message}`);
      return { ms: performance.now() - t0, id };
    };
    await runJob(10); // warm: the pooled connection, prepared statements, JIT
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const panel: number[] = [];
    const ssh: number[] = [];
    let stored = 0;
    for (let i = 0; i < ROUNDS; i++) {
      ssh.push(await openssh(info.privateKeyPath, info.knownHostsPath, frame1.address));
      const { ms, id } = await runJob(LINES);
      panel.push(ms);
      stored = await countLogLines(db, id, "stdout");
      console.log(`round ${i + 1}: panel ${ms.toFixed(0)} ms (${stored} lines stored), openssh ${ssh.at(-1)!.toFixed(0)} ms`);
    }
    clearInterval(sampler);
    const panelMs = median(panel);
    const sshMs = median(ssh);
    const result = {
      lines: LINES,
      storedLines: stored,
      rounds: ROUNDS,
      panelMs: Math.round(panelMs),
      opensshMs: Math.round(sshMs),
      panelLinesPerSecond: Math.round(LINES / (panelMs / 1000)),
      opensshLinesPerSecond: Math.round(LINES / (sshMs / 1000)),
      ratio: Number((sshMs / panelMs).toFixed(3)),
      rssBaselineMB: Number((rss0 / 2 ** 20).toFixed(1)),
      rssPeakGrowthMB: Number(((peak - rss0) / 2 ** 20).toFixed(1)),
      targets: { ratio: 0.5, rssGrowthMB: 100 },
    };
    console.log(JSON.stringify(result));
  } finally {
    await runner.shutdown(1000);
    pool.closeAll();
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
