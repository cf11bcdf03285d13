// The panel as nix/module.nix runs it, behind a real Caddy (Debian's caddy) with the module's
// virtual host and `tls internal` on https://localhost:3443: pages, UI login, a live job log over a
// websocket, Origin checks, the Tailscale header stripping, and a machine pinned only by the
// known_hosts file (SSH_KNOWN_HOSTS_FILE), all through the proxy. Needs the lab (frame2 only,
// read-only jobs).
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { lab } from "../lab";
import { apiLogin, uiLogin } from "../fixtures/auth";
import { startLabPanel, type LabPanel } from "../fixtures/lab-panel";
import { caddyBinary, startCaddy, type RunningCaddy } from "./caddy-server";
import type { ClientToServer, ServerToClient, WireJob, WireLogLine } from "../../lib/live/events";
import { isFinished } from "../../lib/wire/job-kinds";
import { unpackLines } from "../../lib/wire/log-batch";

const PANEL_PORT = 3341;
const HTTPS_PORT = 3443;
const HTTP_PORT = 3342; // Caddy's http_port (no redirects), kept off :80
const ORIGIN = `https://localhost:${HTTPS_PORT}`;
const EVIL = "https://evil.example";
const TS_LOGIN = "viewer@tailnet.example";

let panel: LabPanel;
let caddy: RunningCaddy;

test.use({ ignoreHTTPSErrors: true, storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  caddyBinary(); // fails with "caddy is not installed: apt-get install caddy" rather than skipping
  // The environment nix/module.nix gives the service with caddy.enable and knownHostsFile.
  panel = await startLabPanel(PANEL_PORT, "test-results/caddy-db/panel.db", {
    PUBLIC_ORIGINS: ORIGIN,
    TRUSTED_PROXIES: "127.0.0.1,::1",
    TAILSCALE_IDENTITY: "true",
    SSH_KNOWN_HOSTS_FILE: (await lab.up()).knownHostsPath,
  });
  caddy = await startCaddy({ host: "localhost", httpsPort: HTTPS_PORT, httpPort: HTTP_PORT, panelPort: PANEL_PORT });
});

test.afterAll(async () => {
  await caddy?.stop();
  await panel?.stop();
});

async function loggedInApi(): Promise<{ api: APIRequestContext; cookie: string }> {
  const api = await playwrightRequest.newContext({ ignoreHTTPSErrors: true });
  await apiLogin(api, ORIGIN);
  const cookies = (await api.storageState()).cookies;
  const session = cookies.find((c) => c.name === "__Host-panel_session");
  expect(session, `the session cookie through Caddy is the https one: ${JSON.stringify(cookies)}`).toBeTruthy();
  return { api, cookie: `${session!.name}=${session!.value}` };
}

type ClientSocket = Socket<ServerToClient, ClientToServer>;
function socketThroughCaddy(cookie: string, origin: string, transports: ("polling" | "websocket")[]): ClientSocket {
  return io(ORIGIN, { ca: caddy.rootCa().toString(), extraHeaders: { cookie, origin }, transports, reconnection: false, forceNew: true });
}

test("the dashboard loads and the UI login works through Caddy (https, secure session cookie)", async ({ page, context }) => {
  await page.goto(ORIGIN);
  await expect(page).toHaveURL(`${ORIGIN}/login?next=%2F`); // not logged in yet
  await uiLogin(page, ORIGIN);
  await page.goto(ORIGIN);
  await expect(page).toHaveURL(`${ORIGIN}/`);
  await expect(page.getByTestId("service-tile").first()).toBeVisible();
  await expect(page.getByTestId("machine-card").filter({ hasText: "frame2" })).toHaveCount(1);
  // The browser's own socket.io connection goes through Caddy too.
  await expect(page.getByTestId("live-state")).toHaveText("Live");
  const session = (await context.cookies(ORIGIN)).find((c) => c.name.endsWith("panel_session"));
  expect(session).toMatchObject({ name: "__Host-panel_session", secure: true, httpOnly: true });
});

test("Origin checks through Caddy: the proxied origin is accepted, a foreign one refused", async () => {
  const { api, cookie } = await loggedInApi();
  try {
    const foreign = await api.post(`${ORIGIN}/api/machines/frame2/jobs`, { data: { kind: "generations" }, headers: { origin: EVIL } });
    expect(foreign.status()).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("bad_origin");
    // The same request with the proxied origin is accepted (a read-only job on frame2). Not a failed
    // login: that would throttle the next test's login from the same address.
    const own = await api.post(`${ORIGIN}/api/machines/frame2/jobs`, {
      data: { kind: "generations", args: {} },
      headers: { origin: ORIGIN },
    });
    expect(own.status(), await own.text()).toBe(200);

    const refused = socketThroughCaddy(cookie, EVIL, ["websocket"]);
    const outcome = await new Promise<string>((resolve) => {
      refused.once("connect", () => resolve("connected"));
      refused.once("connect_error", (e) => resolve(`refused: ${e.message}`));
    });
    refused.close();
    expect(outcome).toMatch(/^refused/);

    const accepted = socketThroughCaddy(cookie, ORIGIN, ["websocket"]);
    const snapshot = await new Promise<unknown>((resolve, reject) => {
      accepted.once("connect", () => accepted.emit("dashboard:subscribe"));
      accepted.once("health:snapshot", resolve);
      accepted.once("connect_error", reject);
    });
    expect(accepted.io.engine.transport.name).toBe("websocket");
    accepted.close();
    expect(snapshot).toBeTruthy();
  } finally {
    await api.dispose();
  }
});

test("Caddy drops a client's Tailscale-User-Login; the panel believes it only from the proxy itself", async ({ page }) => {
  await apiLogin(page.request, ORIGIN); // the browser context's cookies (UI login: first test)
  await page.goto(`${ORIGIN}/users`);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByLabel("User name").fill("ts-viewer");
  await page.getByLabel("Password (12+ characters)").fill("ts-viewer-password-123");
  await page.getByLabel("Tailscale login (optional)").fill(TS_LOGIN);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByTestId("user-row").filter({ hasText: TS_LOGIN })).toBeVisible();
  const anon = await playwrightRequest.newContext({ ignoreHTTPSErrors: true });
  try {
    const headers = { "tailscale-user-login": TS_LOGIN };
    // Control: from 127.0.0.1 (a trusted proxy) the header maps to the user: the dashboard renders.
    const direct = await anon.get(`${panel.url}/`, { headers, maxRedirects: 0 });
    expect(direct.status()).toBe(200);
    expect(await direct.text()).toContain("ts-viewer");
    // Through Caddy the same header is stripped: not logged in, sent to the login page.
    const proxied = await anon.get(`${ORIGIN}/`, { headers, maxRedirects: 0 });
    expect(proxied.status()).toBeGreaterThanOrEqual(300);
    expect(proxied.status()).toBeLessThan(400);
    expect(proxied.headers().location).toContain("/login");
  } finally {
    await anon.dispose();
  }
});

test("a validate job's log streams to a socket that upgraded to a websocket through Caddy", async ({ page }) => {
  test.setTimeout(240_000);
  await lab.setVariant("frame2", "base");
  const { api, cookie } = await loggedInApi();
  const socket = socketThroughCaddy(cookie, ORIGIN, ["polling", "websocket"]);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.io.engine.once("upgrade", () => resolve());
      socket.once("connect_error", reject);
    });
    expect(socket.io.engine.transport.name).toBe("websocket");

    const started = await api.post(`${ORIGIN}/api/machines/frame2/jobs`, { data: { kind: "validate" }, headers: { origin: ORIGIN } });
    expect(started.status(), await started.text()).toBe(200);
    const jobId = ((await started.json()) as { job: { id: number } }).job.id;

    const lines: WireLogLine[] = [];
    let final: WireJob | null = null;
    socket.on("job:lines", (p) => p.jobId === jobId && lines.push(...unpackLines(p)));
    socket.on("job:update", (p) => {
      if (p.job.id === jobId && isFinished(p.job.status)) final = p.job;
    });
    const ack = await socket.timeout(10_000).emitWithAck("job:subscribe", { jobId, after: 0 });
    expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true, job: { id: jobId, machine: "frame2", kind: "validate" } });
    if (ack.ok && isFinished(ack.job.status)) final ??= ack.job; // it may have ended before the subscription

    await expect.poll(() => (final as WireJob | null)?.status ?? null, { timeout: 200_000 }).toBe("succeeded");
    await expect.poll(() => lines.at(-1)?.text ?? "").toContain("succeeded");
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1)); // in order, no gap, no repeat
    expect(lines.length).toBeGreaterThan(2);
    // The same lines the API has stored: nothing lost or invented on the way through Caddy.
    const stored = (await (await api.get(`${ORIGIN}/api/jobs/${jobId}/log?after=0`)).json()) as { lines: WireLogLine[] };
    expect(lines.map((l) => l.text)).toEqual(stored.lines.map((l) => l.text));
    expect(socket.io.engine.transport.name).toBe("websocket");

    // The job page in Chromium: its own socket is a websocket through Caddy carrying the log.
    const frames: string[] = [];
    page.on("websocket", (ws) => {
      if (ws.url().startsWith(`wss://localhost:${HTTPS_PORT}/socket.io/`)) ws.on("framereceived", (f) => frames.push(String(f.payload)));
    });
    await apiLogin(page.request, ORIGIN);
    await page.goto(`${ORIGIN}/jobs/${jobId}`);
    await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
    await expect.poll(() => frames.some((f) => f.startsWith('42["job:lines"') && f.includes(`"jobId":${jobId}`))).toBe(true);
    await expect(
      page
        .getByTestId("log-row")
        .filter({ hasText: lines.at(-1)!.text })
        .first(),
    ).toBeVisible();
  } finally {
    socket.close();
    await api.dispose();
  }
});

test("a machine added with no pinned key is pinned by SSH_KNOWN_HOSTS_FILE and runs a job on frame2", async ({ page }) => {
  test.setTimeout(180_000);
  const frame2 = panel.info.hosts.find((h) => h.name === "frame2")!;
  await apiLogin(page.request, ORIGIN);
  await page.goto(`${ORIGIN}/inventory/machines/new`);
  await page.getByLabel("Name", { exact: true }).fill("frame2-kh");
  await page.getByLabel("System", { exact: true }).fill("x86_64-linux");
  await page.getByLabel("Flake attribute", { exact: true }).fill("frame2");
  await page.getByLabel("Host", { exact: true }).fill(frame2.address);
  await page.getByLabel("User", { exact: true }).fill("admin");
  await page.getByRole("button", { name: "Add machine" }).click();
  await expect(page).not.toHaveURL(/\/machines\/new/);
  await page.goto(`${ORIGIN}/inventory/machines/frame2-kh`);
  await expect(page.getByTestId("host-key-pinned")).toHaveText("not in the inventory");
  await expect(page.getByTestId("host-key-file")).toContainText(frame2.hostKeyFingerprint);
  await expect(page.getByTestId("host-key-file")).toContainText(`${panel.info.knownHostsPath} line 2`);

  const { api } = await loggedInApi();
  try {
    const state = await (await api.get(`${ORIGIN}/api/machines/frame2-kh/host-key`)).json();
    expect(state).toMatchObject({ pinned: null, knownHostsFile: { kind: "pinned", fingerprints: [frame2.hostKeyFingerprint] } });
    const started = await api.post(`${ORIGIN}/api/machines/frame2-kh/jobs`, { data: { kind: "generations" }, headers: { origin: ORIGIN } });
    expect(started.status(), await started.text()).toBe(200);
    const id = ((await started.json()) as { job: { id: number } }).job.id;
    await expect
      .poll(
        async () => {
          const { job } = (await (await api.get(`${ORIGIN}/api/jobs/${id}`)).json()) as { job: { status: string; message: string | null } };
          return isFinished(job.status) ? `${job.status}${job.status === "succeeded" ? "" : `: ${job.message}`}` : null;
        },
        { timeout: 120_000 },
      )
      .toBe("succeeded");
  } finally {
    await api.dispose();
  }
});
