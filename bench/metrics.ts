// npm run bench:metrics — what the metrics loops of 10 watched machines cost the panel's process:
// 10 real MetricsLoops (lib/metrics/loop.ts with the real reader) at the default interval (5 s),
// for `--seconds` (default 60), in two set-ups with real sources on loopback:
//  - node_exporter: each loop fetches and parses Debian's prometheus-node-exporter 1.5 /metrics
//    (about 60 KB, ~550 samples) itself — the heavier path, all parsing in the panel;
//  - victoriametrics: each loop asks Debian's victoria-metrics 1.79 one combined instant query; it
//    scrapes that node_exporter every 2 s under 10 instance names m0..m9.
// The figure is this process's CPU time (user + system from /proc/self/stat) over wall time, as a
// share of one core. The last line is one JSON object with every figure.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MetricsLoop } from "../lib/metrics/loop";
import { query } from "../lib/metrics/promql";
import { readFigures } from "../lib/metrics/read";
import type { MetricsSource } from "../lib/metrics/source";
import { line, target, targetLine } from "./report";

const MACHINES = 10;
const INTERVAL = 5000;
const NODE_PORT = 19_671;
const VM_PORT = 18_671;

function cpuMs(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

function seconds(argv: string[]): number {
  const a = argv.find((x) => x.startsWith("--seconds="));
  const n = a ? Number(a.split("=")[1]) : 60;
  if (!Number.isInteger(n) || n < 10 || n > 3600) throw new Error("--seconds must be 10..3600");
  return n;
}

async function until(what: string, probe: () => Promise<boolean>, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function measure(name: string, sources: MetricsSource[], secs: number): Promise<{ share: number; reads: number; failed: number }> {
  let failed = 0;
  const loops = sources.map(
    (s, i) => new MetricsLoop(`m${i}`, { load: async () => s, read: readFigures, intervalMs: INTERVAL, timeoutMs: 3000 }),
  );
  for (const l of loops) l.on("state", (st) => void (st.error && (failed += 1)));
  const wall0 = Date.now();
  const cpu0 = cpuMs();
  for (const l of loops) l.start();
  await new Promise((r) => setTimeout(r, secs * 1000));
  const cpu = cpuMs() - cpu0;
  const wall = Date.now() - wall0;
  for (const l of loops) l.stop();
  const reads = loops.reduce((t, l) => t + l.reads, 0);
  const share = Math.round((cpu / wall) * 1000) / 10;
  line(`${name}: ${reads} readings in ${Math.round(wall / 1000)} s, ${failed} failed, CPU ${Math.round(cpu)} ms = ${share}% of one core`);
  return { share, reads, failed };
}

async function main(): Promise<void> {
  const node = "/usr/bin/prometheus-node-exporter";
  const vm = "/usr/bin/victoria-metrics";
  if (!existsSync(node) || !existsSync(vm))
    throw new Error("needs Debian's prometheus-node-exporter and victoria-metrics (apt-get install)");
  const secs = seconds(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), "metrics-bench-"));
  const procs: ChildProcess[] = [];
  try {
    const targets = Array.from(
      { length: MACHINES },
      (_, i) => `      - targets: ["127.0.0.1:${NODE_PORT}"]\n        labels: { instance: "m${i}" }\n`,
    ).join("");
    writeFileSync(
      join(dir, "scrape.yml"),
      `global:\n  scrape_interval: 2s\nscrape_configs:\n  - job_name: node\n    static_configs:\n${targets}`,
    );
    procs.push(spawn(node, [`--web.listen-address=127.0.0.1:${NODE_PORT}`], { stdio: "ignore" }));
    procs.push(
      spawn(
        vm,
        [
          `-httpListenAddr=127.0.0.1:${VM_PORT}`,
          `-storageDataPath=${join(dir, "vm")}`,
          `-promscrape.config=${join(dir, "scrape.yml")}`,
          "-search.latencyOffset=1s",
        ],
        {
          stdio: "ignore",
        },
      ),
    );
    const vmUrl = `http://127.0.0.1:${VM_PORT}`;
    line(`metrics loops: ${MACHINES} machines, one reading every ${INTERVAL / 1000} s, ${secs} s per set-up`);
    await until("VictoriaMetrics to hold a CPU rate of all 10 instances", async () => {
      const r = await query(vmUrl, 'count(rate(node_cpu_seconds_total{mode="idle",cpu="0"}[1m]))', { timeoutMs: 2000, maxBytes: 1e5 });
      return r[0]?.value === MACHINES;
    });
    const direct = await measure(
      "node_exporter (parsed in the panel)",
      Array.from({ length: MACHINES }, () => ({ kind: "node_exporter", url: `http://127.0.0.1:${NODE_PORT}/metrics` })),
      secs,
    );
    const promql = await measure(
      "victoriametrics (one combined PromQL query per reading)",
      Array.from({ length: MACHINES }, (_, i) => ({ kind: "victoriametrics", url: vmUrl, instances: [`m${i}`] })),
      secs,
    );
    const worst = Math.max(direct.share, promql.share);
    const t = target("metrics loop for 10 machines (worse of the two)", worst, "<", 5, "% of one core");
    line(targetLine(t));
    line(
      JSON.stringify({
        machines: MACHINES,
        intervalMs: INTERVAL,
        seconds: secs,
        nodeExporter: direct,
        victoriaMetrics: promql,
        verdict: t.verdict,
      }),
    );
    if (direct.failed + promql.failed > 0) process.exitCode = 1;
  } finally {
    await Promise.all(
      procs.map(
        (p) => new Promise((r) => (p.exitCode !== null || p.signalCode !== null ? r(null) : (p.once("exit", r), p.kill("SIGTERM")))),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
