// The reader against Debian's real prometheus-node-exporter 1.5 and victoria-metrics 1.79 run on
// loopback by the test (skipped when they are not installed), and against small local HTTP
// servers that misbehave: down, slow, too large.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MetricsSourceError } from "./http";
import { MetricsLoop } from "./loop";
import { query } from "./promql";
import { figureQueries, instanceSelector } from "./queries";
import { readFigures } from "./read";
import type { MetricsSource } from "./source";
import type { WireMetrics } from "./types";

const NODE = "/usr/bin/prometheus-node-exporter";
const VM = "/usr/bin/victoria-metrics";
const limits = { timeoutMs: 3000 };

async function until<T>(what: string, probe: () => Promise<T | null>, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown = null;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v !== null) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

describe.skipIf(!existsSync(NODE) || !existsSync(VM))("real node_exporter and VictoriaMetrics", () => {
  const procs: ChildProcess[] = [];
  let dir = "";
  let nodeUrl = "";
  let vmUrl = "";
  const instances = ["127.0.0.1"];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "metrics-int-"));
    const [np, vp] = [await freePort(), await freePort()];
    nodeUrl = `http://127.0.0.1:${np}/metrics`;
    vmUrl = `http://127.0.0.1:${vp}`;
    writeFileSync(
      join(dir, "scrape.yml"),
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ["127.0.0.1:${np}"]\n`,
    );
    procs.push(spawn(NODE, [`--web.listen-address=127.0.0.1:${np}`], { stdio: "ignore" }));
    procs.push(
      spawn(
        VM,
        [
          `-httpListenAddr=127.0.0.1:${vp}`,
          `-storageDataPath=${join(dir, "data")}`,
          `-promscrape.config=${join(dir, "scrape.yml")}`,
          "-search.latencyOffset=1s",
          "-search.disableCache",
        ],
        { stdio: "ignore" },
      ),
    );
    // Ready when a CPU rate exists, i.e. VictoriaMetrics holds at least two scrapes.
    const q = figureQueries(instanceSelector(instances));
    await until("a CPU rate in VictoriaMetrics", async () =>
      (await query(vmUrl, q.cpu, { ...limits, maxBytes: 1e6 })).length ? true : null,
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(
      procs.map(
        (p) => new Promise((r) => (p.exitCode !== null || p.signalCode !== null ? r(null) : (p.once("exit", r), p.kill("SIGTERM")))),
      ),
    );
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("reads node_exporter directly: a second reading has CPU and network rates", async () => {
    const source: MetricsSource = { kind: "node_exporter", url: nodeUrl };
    const memory = { counters: null };
    const first = await readFigures(source, memory, limits);
    expect(first.cpuPercent).toBeNull();
    expect(first.memTotalBytes).toBeGreaterThan(0);
    expect(first.disks.length).toBeGreaterThan(0);
    const second = await until("a second reading with counters moved", async () => {
      const f = await readFigures(source, memory, limits);
      return f.cpuPercent !== null ? f : null;
    });
    expect(second.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(second.cpuPercent).toBeLessThanOrEqual(100);
    expect(second.netInBytesPerSec).toBeGreaterThanOrEqual(0);
  });

  it("reads VictoriaMetrics: the same memory total as node_exporter, every figure present", async () => {
    const vm = await readFigures({ kind: "victoriametrics", url: vmUrl, instances }, { counters: null }, limits);
    const direct = await readFigures({ kind: "node_exporter", url: nodeUrl }, { counters: null }, limits);
    expect(vm.memTotalBytes).toBe(direct.memTotalBytes);
    expect(vm.cpuPercent).not.toBeNull();
    expect(vm.load).not.toBeNull();
    expect(vm.uptimeSeconds).toBeGreaterThan(0);
    expect(vm.netInBytesPerSec).not.toBeNull();
    expect(vm.disks.map((d) => d.mount)).toEqual(direct.disks.map((d) => d.mount));
  });

  it("says so when VictoriaMetrics has no series of the machine", async () => {
    const read = readFigures({ kind: "victoriametrics", url: vmUrl, instances: ["nowhere"] }, { counters: null }, limits);
    await expect(read).rejects.toThrow(/no node_exporter series for nowhere/);
  });

  // Last in this block: it stops the node_exporter.
  it("says the node_exporter is down once VictoriaMetrics cannot scrape it (up = 0)", async () => {
    procs[0].kill("SIGTERM");
    const source: MetricsSource = { kind: "victoriametrics", url: vmUrl, instances };
    const why = await until("VictoriaMetrics to see the scrape fail", async () =>
      readFigures(source, { counters: null }, limits).then(
        () => null,
        (err: unknown) => (err instanceof MetricsSourceError && /up = 0/.test(err.message) ? err.message : null),
      ),
    );
    expect(why).toMatch(/node_exporter of 127\.0\.0\.1 is down/);
  });

  it("a shared loop pushes figures, then 'no data' with why when node_exporter is gone", async () => {
    const server = createServer((req, res) => res.end("node_load1 1\nnode_load5 1\nnode_load15 1\n"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    const loop = new MetricsLoop("m1", {
      load: async () => ({ kind: "node_exporter", url }),
      read: readFigures,
      intervalMs: 100,
      timeoutMs: 2000,
    });
    const states: WireMetrics[] = [];
    loop.on("state", (s) => states.push(s));
    loop.start();
    try {
      await until("a reading", async () => (states.some((s) => s.figures?.load) ? true : null), 20_000);
      await new Promise((r) => server.close(r));
      server.closeAllConnections();
      const down = await until("no data", async () => states.find((s) => s.figures === null) ?? null, 20_000);
      expect(down.error).toMatch(/unreachable/);
    } finally {
      loop.stop();
    }
  });
});

describe("misbehaving sources", () => {
  let server: Server;
  let base = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/huge/metrics") {
        res.write("x".repeat(5 * 1024 * 1024));
        res.end();
      } else if (req.url === "/slow/metrics") {
        setTimeout(() => res.end("node_load1 1\n"), 5000).unref();
      } else if (req.url === "/html/metrics") {
        res.end("<html>hello</html>");
      } else res.writeHead(500).end("boom");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const read = (path: string, timeoutMs = 1000) =>
    readFigures({ kind: "node_exporter", url: base + path }, { counters: null }, { timeoutMs });

  it("refuses an answer over the size limit", async () => {
    await expect(read("/huge/metrics", 10_000)).rejects.toThrow(/more than/);
  });
  it("gives up at the time-out", async () => {
    await expect(read("/slow/metrics", 300)).rejects.toThrow(/did not answer within 300 ms/);
  });
  it("refuses a page that is not node_exporter", async () => {
    await expect(read("/html/metrics")).rejects.toThrow(/no node_exporter metrics/);
  });
  it("reports an HTTP error", async () => {
    await expect(read("/metrics")).rejects.toThrow(MetricsSourceError);
    await expect(read("/metrics")).rejects.toThrow(/HTTP 500/);
  });
  it("reports a closed port", async () => {
    const port = await freePort();
    await expect(
      readFigures({ kind: "node_exporter", url: `http://127.0.0.1:${port}/metrics` }, { counters: null }, limits),
    ).rejects.toThrow(/unreachable \(ECONNREFUSED\)/);
  });
});
