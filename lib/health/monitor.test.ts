import { afterEach, describe, expect, it, vi } from "vitest";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server } from "node:net";
import { HealthMonitor, type MonitorOptions } from "./monitor";
import { parseAllowList } from "./allow";
import { checkTcp } from "./check";
import type { HealthSnapshot, HealthTarget } from "./types";

const servers = new Set<Server>();
const monitors: HealthMonitor[] = [];

afterEach(async () => {
  for (const m of monitors.splice(0)) m.stop();
  for (const s of servers) await stopServer(s);
});

async function listen<T extends Server>(server: T): Promise<number> {
  servers.add(server);
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return (server.address() as AddressInfo).port;
}

async function stopServer(s: Server): Promise<void> {
  if (!servers.delete(s)) return;
  (s as HttpServer).closeAllConnections?.();
  await new Promise((ok) => s.close(() => ok(undefined)));
}

/** An HTTP server that answers only when the test lets it (`held[i]()`): a black-holed host, made deterministic. */
async function hangingServer(): Promise<{ port: number; held: Array<() => void> }> {
  const held: Array<() => void> = [];
  const port = await listen(createHttpServer((_req, res) => held.push(() => res.end())));
  return { port, held };
}

async function httpServer(status = 200) {
  const server = createHttpServer((_req, res) => {
    res.statusCode = status;
    res.end();
  });
  return { server, port: await listen(server) };
}

async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  await new Promise((ok) => server.close(ok));
  return port;
}

function monitor(targets: HealthTarget[] | (() => HealthTarget[]), opts: Partial<MonitorOptions> = {}) {
  const m = new HealthMonitor({
    intervalMs: 3_600_000,
    timeoutMs: 10_000,
    slowMs: 5_000,
    allow: parseAllowList("127.0.0.1"),
    loadTargets: async () => (typeof targets === "function" ? targets() : targets),
    ...opts,
  });
  monitors.push(m);
  return m;
}

function recordChanges(m: HealthMonitor): HealthSnapshot[] {
  const events: HealthSnapshot[] = [];
  m.on("change", (changed) => events.push(changed));
  return events;
}

/** A monitor of a host that never answers (`key`, released through `held`) beside a web server that does. */
async function hangingBesideWeb(key: string, opts: Partial<MonitorOptions>) {
  const { port: hangingPort, held } = await hangingServer();
  const web = await httpServer();
  const m = monitor(
    [
      { key, kind: "http", url: `http://127.0.0.1:${hangingPort}/` },
      { key: "service:web", kind: "http", url: `http://127.0.0.1:${web.port}/` },
    ],
    opts,
  );
  const events = recordChanges(m);
  const rounds: HealthSnapshot[] = [];
  m.on("round", (r) => rounds.push(r));
  return { m, held, events, rounds };
}

describe("HealthMonitor", () => {
  it("start() resolves after the first round with every target in the snapshot", async () => {
    const web = await httpServer();
    const down = await httpServer(500);
    const tcp = await listen(createTcpServer((s) => s.end()));
    const refused = await closedPort();
    const m = monitor([
      { key: "service:web", kind: "http", url: `http://127.0.0.1:${web.port}/` },
      { key: "service:down", kind: "http", url: `http://127.0.0.1:${down.port}/` },
      { key: "service:db", kind: "tcp", host: "127.0.0.1", port: tcp },
      { key: "machine:gone", kind: "tcp", host: "127.0.0.1", port: refused },
    ]);
    expect(m.snapshot()).toEqual({});
    const events = recordChanges(m);
    await m.start();
    const snap = m.snapshot();
    expect(Object.keys(snap).sort()).toEqual(["machine:gone", "service:db", "service:down", "service:web"]);
    expect(snap["service:web"]).toMatchObject({ status: "up", detail: "HTTP 200" });
    expect(snap["service:down"]).toMatchObject({ status: "down", detail: "HTTP 500" });
    expect(snap["service:db"]).toMatchObject({ status: "up", detail: `port ${tcp} open` });
    expect(snap["machine:gone"]).toMatchObject({ status: "down", detail: "connection refused", latencyMs: null });
    expect(events).toHaveLength(1);
    expect(Object.keys(events[0]).sort()).toEqual(Object.keys(snap).sort());
  });

  it("snapshot() is a copy", async () => {
    const m = monitor([{ key: "machine:gone", kind: "tcp", host: "127.0.0.1", port: await closedPort() }]);
    await m.start();
    const snap = m.snapshot();
    delete snap["machine:gone"];
    expect(Object.keys(m.snapshot())).toEqual(["machine:gone"]);
  });

  it("when a server stops, refresh() emits only that key, now down", async () => {
    const web = await httpServer();
    // The other targets have no latency, so their results compare equal round to round.
    const m = monitor([
      { key: "service:web", kind: "http", url: `http://127.0.0.1:${web.port}/` },
      { key: "machine:gone", kind: "tcp", host: "127.0.0.1", port: await closedPort() },
      { key: "service:outside", kind: "http", url: "http://192.0.2.1/" },
    ]);
    await m.start();
    expect(m.snapshot()["service:web"].status).toBe("up");
    const events = recordChanges(m);

    await stopServer(web.server);
    await m.refresh();

    expect(events).toHaveLength(1);
    expect(Object.keys(events[0])).toEqual(["service:web"]);
    expect(events[0]["service:web"]).toMatchObject({ status: "down", detail: "connection refused", latencyMs: null });
    expect(m.snapshot()["service:web"].status).toBe("down");
  });

  it("a round with no differences emits nothing", async () => {
    const m = monitor([
      { key: "machine:gone", kind: "tcp", host: "127.0.0.1", port: await closedPort() },
      { key: "service:outside", kind: "tcp", host: "192.0.2.1", port: 22 },
    ]);
    await m.start();
    const events = recordChanges(m);
    await m.refresh();
    expect(events).toEqual([]);
  });

  it("a target removed from the inventory is reported as unknown and dropped", async () => {
    const port = await closedPort();
    let targets: HealthTarget[] = [
      { key: "machine:a", kind: "tcp", host: "127.0.0.1", port },
      { key: "machine:b", kind: "tcp", host: "127.0.0.1", port },
    ];
    const m = monitor(() => targets);
    await m.start();
    const events = recordChanges(m);
    targets = targets.slice(0, 1);
    await m.refresh();
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual({ "machine:b": { status: "unknown", latencyMs: null, detail: "no check", checkedAt: expect.any(String) } });
    expect(Object.keys(m.snapshot())).toEqual(["machine:a"]);
  });

  it("a host outside the allow-list is not contacted and shows unknown", async () => {
    let connections = 0;
    const counting = createTcpServer((s) => {
      connections += 1;
      s.end();
    });
    const port = await listen(counting);
    const web = await httpServer();
    const m = monitor(
      [
        { key: "service:blocked-http", kind: "http", url: `http://localhost:${port}/` },
        { key: "service:blocked-tcp", kind: "tcp", host: "localhost", port },
        { key: "service:allowed", kind: "http", url: `http://127.0.0.1:${web.port}/` },
      ],
      { allow: parseAllowList("127.0.0.1") },
    );
    await m.start();
    const snap = m.snapshot();
    for (const key of ["service:blocked-http", "service:blocked-tcp"]) {
      expect(snap[key]).toMatchObject({ status: "unknown", latencyMs: null });
      expect(snap[key].detail).toContain("HEALTH_CHECK_ALLOW");
    }
    expect(snap["service:allowed"]).toMatchObject({ status: "up", detail: "HTTP 200" });
    await new Promise((ok) => setTimeout(ok, 100));
    expect(connections).toBe(0);

    // The counter does count: a direct check reaches it.
    expect((await checkTcp("127.0.0.1", port, { timeoutMs: 10_000, slowMs: 5_000 })).status).toBe("up");
    await vi.waitFor(() => expect(connections).toBe(1));
  });

  it.each(["*", "127.0.0.1"])("one malformed target does not break the round (allow %j)", async (allow) => {
    const web = await httpServer();
    const m = monitor(
      [
        { key: "service:bad", kind: "http", url: "not a url" },
        { key: "service:port", kind: "tcp", host: "127.0.0.1", port: 70000 },
        { key: "service:web", kind: "http", url: `http://127.0.0.1:${web.port}/` },
      ],
      { allow: parseAllowList(allow) },
    );
    await m.start();
    expect(m.snapshot()["service:bad"]).toMatchObject({ status: "down", latencyMs: null, detail: "invalid target" });
    expect(m.snapshot()["service:port"]).toMatchObject({ status: "down", latencyMs: null });
    expect(m.snapshot()["service:port"].detail).toMatch(/^invalid target: /);
    expect(m.snapshot()["service:web"]).toMatchObject({ status: "up", detail: "HTTP 200" });
  });

  it("overlapping refresh() calls share a round and coalesce into one more", async () => {
    let loads = 0;
    const port = await closedPort();
    const m = monitor(() => {
      loads += 1;
      return [{ key: "machine:gone", kind: "tcp", host: "127.0.0.1", port }];
    });
    const first = m.refresh();
    expect(m.refresh()).toBe(first);
    expect(m.refresh()).toBe(first);
    await first;
    await vi.waitFor(() => expect(loads).toBe(2));
    await new Promise((ok) => setTimeout(ok, 100));
    expect(loads).toBe(2);
  });

  it("a target that hangs delays neither start() nor the other statuses (pushed after the slow threshold)", async () => {
    const { m, held, events, rounds } = await hangingBesideWeb("machine:blackhole", { slowMs: 200, timeoutMs: 600_000 });

    await m.start(); // resolves after the slow threshold although the round still runs
    await vi.waitFor(() => expect(events.some((e) => "service:web" in e)).toBe(true), { timeout: 30_000 });
    expect(m.snapshot()["service:web"]).toMatchObject({ status: "up", detail: "HTTP 200" });
    expect(m.snapshot()["machine:blackhole"]).toBeUndefined();
    expect(events.some((e) => "machine:blackhole" in e)).toBe(false);
    expect(rounds).toEqual([]);

    await vi.waitFor(() => expect(held.length).toBe(1), { timeout: 30_000 });
    held[0]();
    await vi.waitFor(() => expect(rounds).toHaveLength(1), { timeout: 30_000 });
    expect(events.find((e) => "machine:blackhole" in e)?.["machine:blackhole"]).toMatchObject({ status: "slow", detail: "HTTP 200" });
    expect(Object.keys(rounds[0]).sort()).toEqual(["machine:blackhole", "service:web"]);
    expect(Object.keys(m.snapshot()).sort()).toEqual(["machine:blackhole", "service:web"]);
  });

  it("start() waits startWaitMs, not the slow threshold; then the round pushes what it finds", async () => {
    // A slow threshold (the round's own first push) far beyond the test's time-out: only start() begins the pushes.
    const { m, held, events, rounds } = await hangingBesideWeb("machine:off", { slowMs: 600_000, timeoutMs: 600_000, startWaitMs: 0 });
    await m.start();
    await vi.waitFor(() => expect(m.snapshot()["service:web"]).toMatchObject({ status: "up", detail: "HTTP 200" }), { timeout: 30_000 });
    expect(events.some((e) => "service:web" in e)).toBe(true);
    expect(m.snapshot()["machine:off"]).toBeUndefined();
    expect(rounds).toEqual([]);
    await vi.waitFor(() => expect(held.length).toBe(1), { timeout: 30_000 });
    held[0]();
    await vi.waitFor(() => expect(rounds).toHaveLength(1), { timeout: 30_000 });
    expect(Object.keys(m.snapshot()).sort()).toEqual(["machine:off", "service:web"]);
  });

  it("says whether a change is a status (or its reason) or only a latency", async () => {
    let hold = false;
    const held: Array<() => void> = [];
    const server = createHttpServer((_req, res) => (hold ? held.push(() => res.end()) : res.end()));
    const port = await listen(server);
    const m = monitor([{ key: "service:web", kind: "http", url: `http://127.0.0.1:${port}/` }]);
    const flags: boolean[] = [];
    m.on("change", (_c, statuses) => flags.push(statuses));
    await m.start();
    expect(flags).toEqual([true]); // unknown -> up

    hold = true; // the next answer comes >= 150 ms late: same status, another latency
    const round = m.refresh();
    await vi.waitFor(() => expect(held).toHaveLength(1), { timeout: 30_000 });
    await new Promise((ok) => setTimeout(ok, 150));
    held[0]();
    await round;
    expect(m.snapshot()["service:web"]).toMatchObject({ status: "up" });
    expect(m.snapshot()["service:web"].latencyMs).toBeGreaterThanOrEqual(150);
    expect(flags).toEqual([true, false]);
  });
});
