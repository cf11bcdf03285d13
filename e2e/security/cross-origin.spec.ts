import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_PORT } from "../fixtures/server-env";

// A hostile page on a second local origin (localhost:3299), opened by a browser that is logged
// in to the panel (127.0.0.1:3210): its cross-origin POSTs and socket.io handshake get nothing
// (no dashboard health, no job log subscription).
const PANEL = `http://127.0.0.1:${E2E_PORT}`;
const EVIL_PORT = 3299;
let evil: Server;

const page = `<!doctype html><meta charset="utf-8"><title>evil</title>
<script src="/socket.io.min.js"></script>
<form id="f" method="POST" action="${PANEL}/api/auth/logout-all" target="sink"><input name="x" value="1"></form>
<iframe name="sink"></iframe>
<script>
  window.result = { events: [], error: null, connected: false, fetchStatus: null };
  const s = io(${JSON.stringify(PANEL)}, { transports: ["websocket"], withCredentials: true, reconnection: false });
  s.on("connect", () => {
    window.result.connected = true;
    s.emit("dashboard:subscribe");
    s.emit("job:subscribe", { jobId: 1, after: 0 }, (r) => window.result.events.push("ack:" + JSON.stringify(r)));
  });
  s.onAny((name) => window.result.events.push(name));
  s.on("connect_error", (e) => { window.result.error = String(e && e.message); });
  fetch(${JSON.stringify(PANEL)} + "/api/auth/logout-all", { method: "POST", mode: "no-cors", credentials: "include", body: "x" })
    .then((r) => { window.result.fetchStatus = r.type; });
</script>`;

test.beforeAll(async () => {
  const client = readFileSync("node_modules/socket.io-client/dist/socket.io.min.js");
  evil = createServer((req, res) => {
    if (req.url === "/socket.io.min.js") return res.writeHead(200, { "content-type": "text/javascript" }).end(client);
    res.writeHead(200, { "content-type": "text/html" }).end(page);
  });
  await new Promise<void>((r) => evil.listen(EVIL_PORT, "127.0.0.1", r));
});
test.afterAll(() => new Promise<void>((r) => evil.close(() => r())));

test("a page on another origin cannot POST to the panel or open its socket", async ({ page: tab }) => {
  const refused: number[] = [];
  tab.on("response", (res) => {
    if (res.url().startsWith(`${PANEL}/api/auth/logout-all`)) refused.push(res.status());
  });
  await tab.goto(`http://localhost:${EVIL_PORT}/`);
  await tab.evaluate(() => (document.getElementById("f") as HTMLFormElement).submit());
  await expect.poll(() => refused.length).toBeGreaterThanOrEqual(2);
  expect(refused.every((s) => s === 403)).toBe(true);

  await expect.poll(() => tab.evaluate(() => (window as unknown as { result: { error: string | null } }).result.error)).not.toBeNull();
  const result = await tab.evaluate(() => (window as unknown as { result: unknown }).result);
  expect(result).toMatchObject({ connected: false, events: [] });

  // The victim's session is still valid: nothing was logged out.
  const home = await tab.context().request.get(`${PANEL}/`, { maxRedirects: 0 });
  expect(home.status()).toBe(200);
});

test("the same requests from the panel's own origin are accepted", async ({ page: tab }) => {
  await tab.goto(PANEL);
  await expect(tab.getByTestId("live-state")).toHaveText("Live");
});

test("requests for a foreign Host name are refused (DNS rebinding)", async ({ request }) => {
  const res = await request.get(`${PANEL}/`, { headers: { host: `attacker.example:${E2E_PORT}` }, maxRedirects: 0 });
  expect(res.status()).toBe(421);
  expect((await res.json()).error.code).toBe("bad_host");
});

test("security headers are set", async ({ request }) => {
  const res = await request.get(`${PANEL}/login`);
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("same-origin");
  expect(h["x-frame-options"]).toBe("DENY");
});
