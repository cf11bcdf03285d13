// npm run bench:stream — from a remote command to N socket.io clients, through the real runner,
// log store and job-log subscriptions (bench/stream-server.ts, a child process).
// Full speed: `seq 1 N` on the lab's frame1 to 1, 10 and 50 clients: lines/s each client receives
// (first to last line), against a plain OpenSSH pipe of the same command in the same run; latency
// from the line's arrival at the server (its stored `at`) to its receipt by the client; server CPU
// and RSS. Steady: 1,000 lines/s for 10 s to 10 clients: p50/p99 latency.
// The last line of output is one JSON object holding every figure printed.
import { fork, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { lab } from "../e2e/lab";
import type { WireLogBatch } from "../lib/live/events";
import { lastSeqOf, textsOf } from "../lib/wire/log-batch";

const FULL_LINES = 200_000;
const STEADY = { rate: 1000, seconds: 10, clients: 10 };
// `npm run bench:stream -- --clients=1,10 --cpu-prof`: fewer runs, and a CPU profile of the server
// child in /tmp/bench-stream-prof.
const arg = (name: string) =>
  process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split("=")[1] ??
  (process.argv.includes(`--${name}`) ? "" : undefined);
const CLIENT_COUNTS = (arg("clients") ?? "1,10,50")
  .split(",")
  .map(Number)
  .filter((n) => Number.isSafeInteger(n) && n > 0);

type Usage = { cpu: NodeJS.CpuUsage; rss: number; peakRss: number; maxPendingBytes: number };
const pct = (xs: number[], p: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN;
const mb = (b: number) => Number((b / 2 ** 20).toFixed(1));

function openssh(key: string, knownHosts: string, host: string, lines: number): Promise<number> {
  const t0 = performance.now();
  const args = ["-i", key, "-o", `UserKnownHostsFile=${knownHosts}`, "-o", "BatchMode=yes", `admin@${host}`, `seq 1 ${lines}`];
  const child = spawn("ssh", args, { stdio: ["ignore", "pipe", "inherit"] });
  child.stdout.resume(); // a pipe read as fast as it comes, like the panel's channel
  return new Promise((ok, fail) =>
    child.on("close", (code) => (code === 0 ? ok(performance.now() - t0) : fail(new Error(`ssh exited ${code}`)))),
  );
}

class Client {
  received = 0;
  first = 0;
  last = 0;
  resyncs = 0;
  latencies: number[] = [];
  private lastSeq = 0;
  private expected = 0;
  private done: (() => void) | null = null;
  private fail: ((err: Error) => void) | null = null;
  constructor(readonly socket: Socket) {
    socket.on("job:lines", (batch: WireLogBatch) => {
      // Receipt: the decoded event with every line's text split out and seqs checked (making one
      // object per line for the view is the viewer's work, measured by bench:dashboard).
      const now = Date.now();
      if (batch.first !== this.lastSeq + 1) this.fail?.(new Error(`seq ${batch.first} after ${this.lastSeq}: a gap or a repeat`));
      try {
        textsOf(batch); // every line's text, as any consumer needs them; throws on a corrupt batch
      } catch (err) {
        this.fail?.(err as Error);
      }
      this.lastSeq = lastSeqOf(batch);
      for (const [stream, n] of batch.streams) if (stream === "stdout") this.received += n;
      for (const [at, n] of batch.at) for (let i = 0; i < n; i += 10) this.latencies.push(now - at); // one sample per 10 lines
      if (!this.first) this.first = performance.now();
      this.last = performance.now();
      if (this.received >= this.expected) this.done?.();
    });
    socket.on("job:update", ({ job }: { job: { id: number; status: string; message: string | null } }) => {
      if (!["queued", "running", "succeeded"].includes(job.status)) this.fail?.(new Error(`job ${job.id} ${job.status}: ${job.message}`));
    });
    socket.on("job:resync", ({ jobId, after }: { jobId: number; after: number }) => {
      this.resyncs += 1;
      socket.emit("job:subscribe", { jobId, after });
    });
  }
  follow(jobId: number, expected: number): Promise<void> {
    Object.assign(this, { received: 0, first: 0, last: 0, resyncs: 0, latencies: [], lastSeq: 0, expected });
    const finished = new Promise<void>((r, f) => ((this.done = r), (this.fail = f)));
    this.socket.emit(
      "job:subscribe",
      { jobId, after: 0 },
      (ack: { ok: boolean; job?: { status: string; message: string | null }; error?: { message: string } }) => {
        if (!ack.ok) this.fail?.(new Error(`job:subscribe refused: ${ack.error?.message}`));
        else if (ack.job && !["queued", "running", "succeeded"].includes(ack.job.status))
          this.fail?.(new Error(`job ${jobId} ${ack.job.status}: ${ack.job.message}`));
      },
    );
    return finished;
  }
}

async function main(): Promise<void> {
  const info = await lab.up({ onProgress: () => {} });
  const frame1 = info.hosts.find((h) => h.name === "frame1")!;
  const dir = mkdtempSync(join(tmpdir(), "bench-stream-"));
  const url = `file:${join(dir, "bench.db")}`;
  process.env.DATABASE_URL = url;
  const { migrate } = await import("../lib/db/migrate");
  await migrate(url);
  const { db } = await import("../lib/db/client");
  await db().machine.create({
    data: {
      name: "frame1",
      system: "x86_64-linux",
      role: "testing",
      sshHost: frame1.address,
      sshUser: "admin",
      hostKeyFingerprint: frame1.hostKeyFingerprint,
    },
  });
  await db().$disconnect();

  const server = fork("bench/stream-server.ts", [], {
    execArgv: [
      ...(arg("cpu-prof") !== undefined ? ["--cpu-prof", "--cpu-prof-dir=/tmp/bench-stream-prof"] : []),
      "--require",
      "./scripts/server-only-preload.cjs",
      "--import",
      "tsx",
    ],
    env: { ...process.env, DATABASE_URL: url, SSH_KEY_FILE: info.privateKeyPath, NODE_ENV: "production" },
  });
  const pending = new Map<number, (m: Record<string, unknown>) => void>();
  let nextId = 1;
  const ready = new Promise<{ port: number; cookie: string }>((resolve) => {
    server.on("message", (m: { id: number } & Record<string, unknown>) => {
      if (m.id === 0) resolve(m as unknown as { port: number; cookie: string });
      else {
        pending.get(m.id)?.(m);
        pending.delete(m.id);
      }
    });
  });
  const ask = <T>(msg: object) =>
    new Promise<T>((r) => {
      const id = nextId++;
      pending.set(id, r as (m: Record<string, unknown>) => void);
      server.send({ id, ...msg });
    });
  const { port, cookie } = await ready;
  console.error(`[bench:stream] server child on port ${port}`);
  const clients: Client[] = [];
  const results: Record<string, unknown> = {};
  try {
    for (let i = 0; i < Math.max(...CLIENT_COUNTS); i++) {
      const s = connect(`http://127.0.0.1:${port}`, { transports: ["websocket"], extraHeaders: { cookie }, forceNew: true });
      await new Promise<void>((r, f) => {
        s.once("connect", () => r());
        s.once("connect_error", f);
      });
      clients.push(new Client(s));
    }
    const run = async (n: number, count: number, rate?: number) => {
      const before = await ask<Usage>({ op: "usage" });
      const t0 = performance.now();
      const { jobId, error } = await ask<{ jobId: number; error?: string }>({ op: "start", count, rate });
      if (error) throw new Error(error);
      const group = clients.slice(0, n);
      await Promise.all(group.map((c) => c.follow(jobId, count)));
      const wall = (performance.now() - t0) / 1000;
      const after = await ask<Usage>({ op: "usage" });
      for (const c of group) c.socket.emit("job:unsubscribe", { jobId });
      const cpuS = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6;
      const lat = group.flatMap((c) => c.latencies);
      return {
        clients: n,
        lines: count,
        perClientLinesPerSecond: Math.round(Math.min(...group.map((c) => count / ((c.last - t0) / 1000)))),
        firstLineMs: Math.round(Math.max(...group.map((c) => c.first - t0))),
        p50Ms: pct(lat, 50),
        p99Ms: pct(lat, 99),
        resyncs: group.reduce((a, c) => a + c.resyncs, 0),
        serverCpuPercent: Math.round((cpuS / wall) * 100),
        serverRssMB: mb(after.rss),
        serverPeakRssMB: mb(after.peakRss),
        maxPendingMB: mb(after.maxPendingBytes),
      };
    };
    console.error(`[bench:stream] ${clients.length} clients connected; warming up`);
    await run(1, 1000); // warm: the pooled connection, statements, JIT
    const full: object[] = [];
    const sshRates: number[] = [];
    for (const n of CLIENT_COUNTS) {
      const sshMs = await openssh(info.privateKeyPath, info.knownHostsPath, frame1.address, FULL_LINES);
      sshRates.push(FULL_LINES / (sshMs / 1000));
      const r = await run(n, FULL_LINES);
      const ratio = Number((r.perClientLinesPerSecond / sshRates.at(-1)!).toFixed(2));
      full.push({ ...r, opensshLinesPerSecond: Math.round(sshRates.at(-1)!), ratioToOpenssh: ratio });
      console.log(
        `full speed, ${n} client(s): ${r.perClientLinesPerSecond} lines/s each (openssh pipe ${Math.round(sshRates.at(-1)!)}/s, ratio ${ratio}), first line after ${r.firstLineMs} ms, latency p50 ${r.p50Ms} ms p99 ${r.p99Ms} ms, resyncs ${r.resyncs}, server CPU ${r.serverCpuPercent}%, RSS ${r.serverRssMB} MB (peak ${r.serverPeakRssMB})`,
      );
    }
    const steady = await run(STEADY.clients, STEADY.rate * STEADY.seconds, STEADY.rate);
    console.log(
      `steady ${STEADY.rate} lines/s, ${STEADY.clients} clients: latency p50 ${steady.p50Ms} ms p99 ${steady.p99Ms} ms, server CPU ${steady.serverCpuPercent}%, RSS ${steady.serverRssMB} MB`,
    );
    const ten = full.find((r) => (r as { clients: number }).clients === 10) as { ratioToOpenssh: number } | undefined;
    Object.assign(results, {
      fullSpeed: full,
      steady,
      targets: { steadyP99Ms: 100, tenClientRatio: 0.5 },
      pass: { steadyP99: steady.p99Ms < 100, tenClientRatio: ten ? ten.ratioToOpenssh >= 0.5 : null },
    });
  } finally {
    for (const c of clients) c.socket.close();
    const exited = new Promise((r) => server.once("exit", r));
    server.send({ id: -1, op: "stop" });
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    server.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(results));
}

main().catch((err: unknown) => {
  console.error("[bench:stream]", err instanceof Error ? err.message : err);
  process.exit(1);
});
