import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let child: ChildProcess;
let base = "";
let output = "";

beforeAll(async () => {
  child = spawn(process.execPath, ["--import", "tsx", "lib/http/escape-server.test-support.ts"], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  await new Promise<void>((ok, fail) => {
    child.stdout!.on("data", () => {
      const m = /port (\d+)/.exec(output);
      if (m) {
        base = `http://127.0.0.1:${m[1]}`;
        ok();
      }
    });
    child.once("exit", (code) => fail(new Error(`exited ${code}: ${output}`)));
  });
});
afterAll(() => {
  child.kill();
});

const get = (path: string) =>
  new Promise<{ status: number; headers: Record<string, unknown>; body: string; error?: string }>((ok) => {
    const req = request(`${base}${path}`, { agent: false }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on("error", (e) => ok({ status: res.statusCode ?? 0, headers: res.headers, body, error: e.message }));
    });
    req.on("error", (e) => ok({ status: 0, headers: {}, body: "", error: e.message }));
    req.end();
  });

describe("errors that escape every handler", () => {
  it.each(["/throw-later", "/reject"])("%s: the request is still answered with 500 in the one error shape, and logged", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ error: { code: "internal", message: "Something went wrong on the server." } });
    expect(res.headers.connection).toBe("close");
    await expect.poll(() => output).toContain(`during GET ${path}`);
  });

  it("after headers went out, the connection is closed instead of left open", async () => {
    const res = await get("/half");
    expect(res.status).toBe(200);
    expect(res.body).toBe("partial");
    expect(res.error).toMatch(/aborted|closed|reset/);
  });

  it("the process stays up and serves the next request", async () => {
    expect((await get("/")).body).toBe("fine");
    expect(child.exitCode).toBeNull();
  });
});
