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

  it("keys by user, role and encoding", () => {
    const req = { headers: { "accept-encoding": "gzip, br" } } as never;
    expect(cache.key(req, { id: 1, role: "admin" })).not.toBe(cache.key(req, { id: 2, role: "admin" }));
    expect(cache.key(req, { id: 1, role: "admin" })).not.toBe(cache.key({ headers: {} } as never, { id: 1, role: "admin" }));
  });
});
