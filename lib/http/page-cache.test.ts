import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PageCache } from "./page-cache";

// A real HTTP server whose "renderer" counts renders, behind the cache as server.ts uses it.
let renders = 0;
let status = 200;
const cache = new PageCache(60_000);
const user = { id: 1, role: "admin" };
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    const key = cache.key(req, user);
    if (PageCache.cacheable(req) && cache.replay(key, res)) return;
    if (PageCache.cacheable(req)) cache.capture(key, res);
    renders += 1;
    res.statusCode = status;
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.write(`<p>render ${renders}</p>`);
    res.end("<p>end</p>");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("PageCache", () => {
  it("renders once, then replays the same bytes until invalidated", async () => {
    const a = await (await fetch(`${base}/`)).text();
    const b = await (await fetch(`${base}/`)).text();
    expect(a).toBe("<p>render 1</p><p>end</p>");
    expect(b).toBe(a);
    expect(renders).toBe(1);
    cache.invalidate();
    expect(await (await fetch(`${base}/`)).text()).toBe("<p>render 2</p><p>end</p>");
  });

  it("never caches other paths, queries, RSC requests or non-200 answers", async () => {
    const before = renders;
    await fetch(`${base}/?q=1`);
    await fetch(`${base}/`, { headers: { rsc: "1" } });
    await fetch(`${base}/inventory`);
    expect(renders).toBe(before + 3);
    cache.invalidate();
    status = 500;
    await fetch(`${base}/`);
    await fetch(`${base}/`);
    expect(renders).toBe(before + 5);
    status = 200;
  });

  it("keys by user, role and encoding; anonymous visitors share one key per encoding", () => {
    const req = { headers: { "accept-encoding": "gzip, br" } } as never;
    const plain = { headers: {} } as never;
    expect(cache.key(req, { id: 1, role: "admin" })).not.toBe(cache.key(req, { id: 2, role: "admin" }));
    expect(cache.key(req, { id: 1, role: "admin" })).not.toBe(cache.key(plain, { id: 1, role: "admin" }));
    expect(cache.key(req, null)).toBe(cache.key({ headers: { "accept-encoding": "gzip" } } as never, null));
    expect(cache.key(req, null)).not.toBe(cache.key(plain, null));
    for (const id of [0, 1]) for (const role of ["admin", "viewer"]) expect(cache.key(req, { id, role })).not.toBe(cache.key(req, null));
  });
});

describe("PageCache while a page renders", () => {
  // A renderer that answers only when the test lets it, behind the cache as the front door uses it.
  const waiting: (() => void)[] = [];
  const release = () => waiting.splice(0).forEach((r) => r());
  let slowRenders = 0;
  let arrived = 0;
  const slow = new PageCache(60_000);
  let slowServer: Server;
  let slowBase = "";

  beforeAll(async () => {
    slowServer = createServer(async (req, res) => {
      arrived += 1;
      const key = slow.key(req, null);
      if (slow.replay(key, res)) return;
      await slow.rendered(key, 30_000);
      if (slow.replay(key, res)) return;
      slow.capture(key, res);
      slowRenders += 1;
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.write("<p>");
      await new Promise<void>((r) => waiting.push(r));
      res.end(`render ${slowRenders}</p>`);
    });
    await new Promise<void>((r) => slowServer.listen(0, "127.0.0.1", r));
    slowBase = `http://127.0.0.1:${(slowServer.address() as { port: number }).port}`;
  });
  afterAll(() => {
    release();
    slowServer.closeAllConnections();
    return new Promise<void>((r) => slowServer.close(() => r()));
  });

  it("lets requests that miss during a render wait for it and replay it", async () => {
    const first = fetch(`${slowBase}/`).then((r) => r.text());
    await expect.poll(() => slowRenders).toBe(1);
    const others = Array.from({ length: 5 }, () => fetch(`${slowBase}/`).then((r) => r.text()));
    await expect.poll(() => arrived).toBe(6); // all five are in, while the first still renders
    release();
    expect(await first).toBe("<p>render 1</p>");
    expect(await Promise.all(others)).toEqual(Array(5).fill("<p>render 1</p>"));
    expect(slowRenders).toBe(1);
  });

  it("bounds the wait: a render that never ends holds nobody past maxWaitMs", async () => {
    const stuck = new PageCache(60_000);
    const res = { once: () => res, write: () => true, end: () => res } as never;
    stuck.capture("k", res);
    await expect(stuck.rendered("k", 10)).resolves.toBeUndefined();
    await expect(new PageCache().rendered("nothing under way")).resolves.toBeUndefined();
  });
});
