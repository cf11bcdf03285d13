import { createServer, request, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyLimitFor, gateBody, hasBody } from "./body-gate";
import { badRequestTarget } from "./request-target";

// A real server: the gate holds the body back, then the "next" handler reads it from the request
// stream as Next would, and echoes its length.
let server: Server;
let base = "";
const LIMIT = 1000;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    if (!hasBody(req)) return void res.end("no body");
    const body = await gateBody(req, res, LIMIT);
    if (!body) return;
    let read = "";
    for await (const chunk of req) read += chunk;
    res.end(`read ${read.length} (gate saw ${body.length})`);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

function post(chunks: string[], headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(`${base}/x`, { method: "POST", headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe("gateBody", () => {
  it("replays a body within the limit to whoever reads the request next", async () => {
    expect(await post(["a".repeat(600), "b".repeat(400)])).toEqual({ status: 200, body: "read 1000 (gate saw 1000)" });
    expect(await post([])).toEqual({ status: 200, body: "no body" });
  });

  it("answers 413 once a streamed body passes the limit", async () => {
    const res = await post(["a".repeat(600), "b".repeat(600), "c".repeat(5000)]);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe("too_large");
  });

  it("answers 413 before reading a byte when Content-Length is over the limit, 400 when it is not a number", async () => {
    expect((await post(["x"], { "content-length": "1" })).status).toBe(200);
    const declared = await new Promise<number>((ok) => {
      const req = request(`${base}/x`, { method: "POST", headers: { "content-length": String(10 * 2 ** 20) }, agent: false }, (res) =>
        ok(res.statusCode ?? 0),
      );
      req.on("error", () => {});
      req.write("only a little"); // the rest never comes: the answer must not wait for it
    });
    expect(declared).toBe(413);
  });

  it("gives uploads their own limit", () => {
    const limits = { bodyBytes: 10, uploadBytes: 99 };
    expect(bodyLimitFor("/inventory/import?tab=homepage", limits)).toBe(99);
    expect(bodyLimitFor("/inventory/import/", limits)).toBe(99);
    expect(bodyLimitFor("/inventory", limits)).toBe(10);
  });
});

describe("badRequestTarget", () => {
  it("refuses paths Next could not decode, accepts the rest", () => {
    expect(badRequestTarget("/machines/%E0%A4%A")).toMatch(/percent-encoding/);
    expect(badRequestTarget("/machines/a%00b")).toMatch(/control/);
    expect(badRequestTarget("http://evil/")).toMatch(/start with/);
    expect(badRequestTarget(`/${"a".repeat(9000)}`)).toMatch(/too long/);
    expect(badRequestTarget("/machines/frame1?x=%E0%A4%A")).toBeNull(); // query strings are decoded leniently
    expect(badRequestTarget("/inventory/services/caf%C3%A9")).toBeNull();
  });
});
