import { afterEach, describe, expect, it } from "vitest";
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server } from "node:net";
import { checkHttp, checkTcp, runCheck } from "./check";

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    (s as HttpServer).closeAllConnections?.();
    await new Promise((ok) => s.close(() => ok(undefined)));
  }
});

async function listen<T extends Server>(server: T): Promise<number> {
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return (server.address() as AddressInfo).port;
}

const http = (handler: (req: IncomingMessage, res: ServerResponse) => void) => listen(createHttpServer(handler));

/** A port nobody listens on: listen, note the port, close. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  await new Promise((ok) => server.close(ok));
  return port;
}

const generous = { timeoutMs: 10_000, slowMs: 5_000 };

describe("checkHttp", () => {
  it("a fast 200 is up with a latency", async () => {
    const port = await http((_req, res) => res.end("ok"));
    const r = await checkHttp(`http://127.0.0.1:${port}/health`, generous);
    expect(r.status).toBe("up");
    expect(r.detail).toBe("HTTP 200");
    expect(r.latencyMs).toBeTypeOf("number");
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    expect(r.latencyMs).toBeLessThanOrEqual(generous.slowMs);
    expect(Number.isNaN(Date.parse(r.checkedAt))).toBe(false);
  });

  it("sends a GET with the panel's user agent to the given path", async () => {
    let seen = "";
    const port = await http((req, res) => {
      seen = `${req.method} ${req.url} ${req.headers["user-agent"]}`;
      res.end();
    });
    await checkHttp(`http://127.0.0.1:${port}/api/health?x=1`, generous);
    expect(seen).toBe("GET /api/health?x=1 homelab-panel-health/1");
  });

  it("an answer slower than slowMs is slow", async () => {
    const port = await http((_req, res) => setTimeout(() => res.end("late"), 300));
    const r = await checkHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 10_000, slowMs: 100 });
    expect(r.status).toBe("slow");
    expect(r.detail).toBe("HTTP 200");
    expect(r.latencyMs).toBeGreaterThan(100);
  });

  it("a 5xx is down with the status code", async () => {
    const port = await http((_req, res) => {
      res.statusCode = 503;
      res.end("maintenance");
    });
    const r = await checkHttp(`http://127.0.0.1:${port}/`, generous);
    expect(r).toMatchObject({ status: "down", detail: "HTTP 503" });
    expect(r.latencyMs).toBeTypeOf("number");
  });

  it("a 4xx still counts as up (the server answered)", async () => {
    const port = await http((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    expect(await checkHttp(`http://127.0.0.1:${port}/missing`, generous)).toMatchObject({ status: "up", detail: "HTTP 404" });
  });

  it("a closed port is down: connection refused", async () => {
    const port = await closedPort();
    expect(await checkHttp(`http://127.0.0.1:${port}/`, generous)).toMatchObject({
      status: "down",
      detail: "connection refused",
      latencyMs: null,
    });
  });

  it("a server that never answers times out", async () => {
    let requests = 0;
    const port = await http(() => {
      requests += 1; // never respond
    });
    const r = await checkHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 300, slowMs: 100 });
    expect(r).toMatchObject({ status: "down", detail: "timed out after 300 ms", latencyMs: null });
    expect(requests).toBe(1);
  });
});

describe("checkTcp", () => {
  it("an open port is up", async () => {
    const port = await listen(createTcpServer((socket) => socket.end()));
    const r = await checkTcp("127.0.0.1", port, generous);
    expect(r).toMatchObject({ status: "up", detail: `port ${port} open` });
    expect(r.latencyMs).toBeTypeOf("number");
  });

  it("a closed port is down: connection refused", async () => {
    const port = await closedPort();
    expect(await checkTcp("127.0.0.1", port, generous)).toEqual({
      status: "down",
      latencyMs: null,
      detail: "connection refused",
      checkedAt: expect.any(String),
    });
  });
});

describe("runCheck", () => {
  it("dispatches on the target kind", async () => {
    const port = await http((_req, res) => res.end());
    expect(await runCheck({ key: "a", kind: "http", url: `http://127.0.0.1:${port}/` }, generous)).toMatchObject({ detail: "HTTP 200" });
    expect(await runCheck({ key: "b", kind: "tcp", host: "127.0.0.1", port }, generous)).toMatchObject({ detail: `port ${port} open` });
  });

  it("never throws: a malformed target is down", async () => {
    expect(await runCheck({ key: "a", kind: "http", url: "not a url" }, generous)).toMatchObject({
      status: "down",
      latencyMs: null,
      detail: "invalid target: Invalid URL",
    });
    expect(await runCheck({ key: "b", kind: "tcp", host: "127.0.0.1", port: 70000 }, generous)).toMatchObject({
      status: "down",
      latencyMs: null,
      detail: expect.stringMatching(/^invalid target: .*70000/),
    });
  });
});

describe("checks refuse addresses the guard forbids, after resolving names", () => {
  const noLoopback = (address: string) => !address.startsWith("127.") && address !== "::1";

  it("a name that resolves to a forbidden address is not connected to", async () => {
    let connections = 0;
    const port = await http((_req, res) => {
      connections += 1;
      res.end("ok");
    });
    const opts = { timeoutMs: 2000, slowMs: 1000, guard: noLoopback };
    const results = [
      await runCheck({ key: "s", kind: "http", url: `http://localhost:${port}/` }, opts),
      await runCheck({ key: "m", kind: "tcp", host: "localhost", port }, opts),
      await runCheck({ key: "l", kind: "tcp", host: "127.0.0.1", port }, opts),
    ];
    for (const r of results) expect(r.detail).toMatch(/^refused: (localhost|127\.0\.0\.1) is .*link-local or metadata/);
    expect(connections).toBe(0);
    // The same check with a guard that allows loopback reaches the server.
    expect(await runCheck({ key: "s", kind: "http", url: `http://localhost:${port}/` }, { ...opts, guard: () => true })).toMatchObject({
      status: "up",
      detail: "HTTP 200",
    });
    expect(connections).toBe(1);
  });
});
