// Notifications end to end inside the process: real SQLite, a real HTTP receiver for ntfy and the
// webhook, a real SMTP server; time is driven through the notifier's clock (no sleeps).
import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { useTestDatabase } from "../test/db";
import { parseChannelForm } from "../validation/notify";
import { HealthRules } from "./health-rules";
import { jobEvent } from "./job-rules";
import { Notifier } from "./notifier";
import { secretFileAllowed } from "./secret";
import { httpReceiver, smtpReceiver } from "./receivers.test-support";
import { deliveryLog, listChannels, saveChannel } from "./settings";

useTestDatabase();
const ALL = ["service", "machine", "deploy", "drift", "flake-updates"];
let http: Awaited<ReturnType<typeof httpReceiver>>;
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
const dir = mkdtempSync(join(tmpdir(), "notify-test-"));
const hmacFile = join(dir, "hmac");
const smtpPasswordFile = join(dir, "smtp-password");

beforeAll(async () => {
  writeFileSync(hmacFile, "hmac-secret-from-agenix\n");
  writeFileSync(smtpPasswordFile, "mail-pass\n");
  http = await httpReceiver();
  smtp = await smtpReceiver("panel", "mail-pass");
});
afterAll(async () => {
  await http.close();
  await smtp.close();
});

let clock = 1_700_000_000_000;
const notifier = () =>
  new Notifier({ db, now: () => clock, schedule: false, baseDelayMs: 30_000, maxAttempts: 5, timeoutMs: 5_000, secretDirs: [dir] });

async function channel(values: Record<string, string>, rules = ALL): Promise<number> {
  const parsed = parseChannelForm(values, rules);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
  return saveChannel(parsed.data);
}
async function threeChannels() {
  await channel({ name: "phone", kind: "ntfy", url: http.url("/homelab-alerts"), secret: "tk_ntfy_token" });
  await channel({ name: "hook", kind: "webhook", url: http.url("/hook"), secretFile: hmacFile });
  await channel({
    name: "mail",
    kind: "email",
    host: "127.0.0.1",
    port: String(smtp.port),
    security: "none",
    user: "panel",
    secretFile: smtpPasswordFile,
    from: "panel@lab.test",
    to: "me@lab.test",
  });
}
const ntfyGot = () => http.received.filter((r) => r.path === "/homelab-alerts");
const hookGot = () => http.received.filter((r) => r.path === "/hook");

function verify(body: string, header: string | string[] | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", "hmac-secret-from-agenix").update(body).digest("hex")}`);
  const got = Buffer.from(String(header ?? ""));
  return got.length === expected.length && timingSafeEqual(got, expected);
}

beforeEach(async () => {
  await db().notifyDelivery.deleteMany();
  await db().notifyEvent.deleteMany();
  await db().notifyChannel.deleteMany();
  http.received.length = 0;
  http.answer(200);
  smtp.mails.length = 0;
});

describe("notifications", () => {
  it("sends a deploy's result to ntfy, the webhook (signed) and SMTP exactly once", async () => {
    await threeChannels();
    const n = notifier();
    const update = { id: 42, machine: "frame1", kind: "deploy", status: "rolled-back", message: "rolled back: magic rollback" };
    expect(jobEvent({ ...update, status: "running" })).toBeNull();
    expect((await n.notify(jobEvent(update)!)).created).toBe(true);
    expect(await n.runDue()).toBe(3);
    // The runner may report the same finish again (a retry, a restart): nothing new goes out.
    expect((await n.notify(jobEvent(update)!)).created).toBe(false);
    expect(await n.runDue()).toBe(0);

    expect(ntfyGot()).toHaveLength(1);
    expect(ntfyGot()[0].headers.title).toBe("Deploy of frame1 was rolled back");
    expect(ntfyGot()[0].headers.authorization).toBe("Bearer tk_ntfy_token");
    expect(ntfyGot()[0].headers.priority).toBe("high");
    expect(ntfyGot()[0].body).toContain("magic rollback");
    expect(hookGot()).toHaveLength(1);
    expect(verify(hookGot()[0].body, hookGot()[0].headers["x-panel-signature"])).toBe(true);
    expect(JSON.parse(hookGot()[0].body)).toMatchObject({ kind: "deploy-finished", subject: "machine:frame1", severity: "bad" });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({ from: "panel@lab.test", to: ["me@lab.test"], user: "panel" });
    expect(smtp.mails[0].raw).toContain("Subject: [panel] Deploy of frame1 was rolled back");
    expect((await deliveryLog()).map((d) => d.status)).toEqual(["sent", "sent", "sent"]);
  });

  it("reports an outage once after the grace period, not again while it stays down, and one 'up' after it", async () => {
    await threeChannels();
    const n = notifier();
    const rules = new HealthRules({ notify: (i) => n.notify(i), lastOf: (s, k) => n.lastOf(s, k), graceChecks: 2, now: () => clock });
    const round = async (status: "up" | "down") => {
      clock += 30_000;
      await rules.onRound({ "service:grafana": { status, detail: status === "up" ? "HTTP 200" : "connection refused" } });
      await n.runDue();
    };
    await round("up");
    await round("down");
    expect(http.received).toHaveLength(0); // one down check is within the grace period
    for (let i = 0; i < 5; i++) await round("down");
    expect(ntfyGot().map((r) => r.headers.title)).toEqual(["grafana is down"]);
    expect(hookGot()).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
    // A new process (restart) while it is still down: the stored "down" is not repeated.
    const again = new HealthRules({ notify: (i) => n.notify(i), lastOf: (s, k) => n.lastOf(s, k), graceChecks: 2, now: () => clock });
    for (let i = 0; i < 3; i++) await again.onRound({ "service:grafana": { status: "down", detail: "connection refused" } });
    await n.runDue();
    expect(ntfyGot()).toHaveLength(1);
    await again.onRound({ "service:grafana": { status: "up", detail: "HTTP 200" } });
    await n.runDue();
    await again.onRound({ "service:grafana": { status: "up", detail: "HTTP 200" } });
    await n.runDue();
    expect(ntfyGot().map((r) => r.headers.title)).toEqual(["grafana is down", "grafana is back up"]);
    expect(hookGot().map((r) => JSON.parse(r.body).kind)).toEqual(["service-down", "service-up"]);
    expect(hookGot().every((r) => verify(r.body, r.headers["x-panel-signature"]))).toBe(true);
    expect(smtp.mails).toHaveLength(2);
  });

  it("sends nothing for flapping within the grace period, and no 'up' without a 'down'", async () => {
    await threeChannels();
    const n = notifier();
    const rules = new HealthRules({ notify: (i) => n.notify(i), lastOf: (s, k) => n.lastOf(s, k), graceChecks: 3, now: () => clock });
    for (const status of ["down", "down", "up", "down", "up", "down", "down", "slow", "up"] as const) {
      clock += 1000;
      await rules.onRound({ "service:grafana": { status, detail: "x" }, "machine:frame1": { status: "up", detail: "tcp ok" } });
    }
    expect(await n.runDue()).toBe(0);
    expect(await db().notifyEvent.count()).toBe(0);
    expect(http.received).toHaveLength(0);
    expect(smtp.mails).toHaveLength(0);
  });

  it("retries a failing channel with exponential back-off, persisted, then gives up and shows it as failing", async () => {
    await channel({ name: "hook", kind: "webhook", url: http.url("/hook"), secretFile: hmacFile });
    http.answer(500);
    let n = notifier();
    await n.notify({
      kind: "drift",
      key: "drift:frame1:/nix/store/x",
      subject: "machine:frame1",
      title: "frame1 drifted",
      message: "changed outside the panel",
    });
    const delays: number[] = [];
    expect(await n.runDue()).toBe(1);
    for (let attempt = 2; attempt <= 5; attempt++) {
      const d = await db().notifyDelivery.findFirstOrThrow();
      expect(d).toMatchObject({ status: "pending", attempts: attempt - 1, lastError: "HTTP 500: receiver says no" });
      delays.push(d.nextAt.getTime() - clock);
      clock = d.nextAt.getTime() - 1;
      expect(await n.runDue()).toBe(0); // not before its time
      clock += 1;
      if (attempt === 3) {
        // A restart in the middle: the new process picks the pending delivery up from the database.
        n = notifier();
        await n.start();
      }
      expect(await n.runDue()).toBe(1);
    }
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000]);
    const d = await db().notifyDelivery.findFirstOrThrow();
    expect(d).toMatchObject({ status: "failed", attempts: 5 });
    clock += 10_000_000;
    expect(await n.runDue()).toBe(0);
    expect(hookGot()).toHaveLength(5);
    const [view] = await listChannels();
    expect(view).toMatchObject({ name: "hook", failing: true, consecutiveFailures: 5, secret: "file" });
    // A success (here: the test button) clears the failing mark.
    http.answer(200);
    expect(await n.sendTest(view.id)).toEqual({ ok: true });
    expect((await listChannels())[0].failing).toBe(false);
  });

  it("reads secrets from their file at send time and says when the file is missing", async () => {
    const file = join(dir, "rotating");
    writeFileSync(file, "first\n");
    const id = await channel({ name: "phone", kind: "ntfy", url: http.url("/t"), secretFile: file });
    const n = notifier();
    expect(await n.sendTest(id)).toEqual({ ok: true });
    writeFileSync(file, "second\n"); // agenix rotated it: the next send uses the new one
    expect(await n.sendTest(id)).toEqual({ ok: true });
    expect(http.received.map((r) => r.headers.authorization)).toEqual(["Bearer first", "Bearer second"]);
    await channel({ id: String(id), name: "phone", kind: "ntfy", url: http.url("/t"), secretFile: join(dir, "missing") });
    expect(await n.sendTest(id)).toEqual({ ok: false, error: expect.stringContaining("cannot read the secret file") });
    // Files outside the allowed folders are never read, also through a link from inside them.
    symlinkSync("/etc/hostname", join(dir, "link-out"));
    for (const outside of ["/etc/hostname", join(dir, "link-out"), `${dir}/../${dir.split("/").at(-1)}-x/../../etc/hostname`]) {
      await channel({ id: String(id), name: "phone", kind: "ntfy", url: http.url("/t"), secretFile: outside });
      expect(await n.sendTest(id)).toEqual({ ok: false, error: expect.stringMatching(/not under|cannot read/) });
    }
    expect(secretFileAllowed("/run/agenix/ntfy", ["/run/agenix"])).toBe(true);
    expect(secretFileAllowed("/run/agenix/../../etc/shadow", ["/run/agenix"])).toBe(false);
    expect(secretFileAllowed("/run/agenixx/t", ["/run/agenix"])).toBe(false);
    expect(http.received).toHaveLength(2);
    // The listing never carries a stored secret.
    await channel({ id: String(id), name: "phone", kind: "ntfy", url: http.url("/t"), secret: "tk_stored" });
    expect(JSON.stringify(await listChannels())).not.toContain("tk_stored");
  });

  it("refuses bad channel settings with a message per field", () => {
    const bad = parseChannelForm({ name: "-x", kind: "webhook", url: "ftp://example.com/hook" }, ["deploy"]);
    expect(bad).toMatchObject({ ok: false, fields: { name: expect.any(String), url: "Enter an http:// or https:// URL." } });
    expect(parseChannelForm({ name: "m", kind: "email", host: "h", port: "x", security: "tls", from: "no", to: "" }, [])).toMatchObject({
      ok: false,
      fields: { port: expect.any(String), from: expect.any(String), to: expect.any(String) },
    });
    expect(
      parseChannelForm({ name: "n", kind: "ntfy", url: "https://ntfy.sh/t", secret: "a", secretFile: "/run/agenix/x" }, []),
    ).toMatchObject({
      ok: false,
      fields: { secretFile: expect.any(String) },
    });
  });
});

describe("drift", () => {
  it("becomes an event only when the machine runs something the panel did not leave", async () => {
    const { driftEvent } = await import("./drift-rules");
    expect(driftEvent("frame1", "/nix/store/a", { state: "matches", text: "in sync", jobId: 3 })).toBeNull();
    expect(driftEvent("frame1", null, { state: "unknown", text: "?" })).toBeNull();
    const e = driftEvent("frame1", "/nix/store/b", {
      state: "outside",
      text: "changed outside the panel since the last deploy (#3)",
      jobId: 3,
    });
    expect(e).toMatchObject({ kind: "drift", key: "drift:frame1:/nix/store/b:3", subject: "machine:frame1" });
  });
});

describe("pruning", () => {
  it("deletes old events with their deliveries but keeps each subject's last down/up", async () => {
    const { pruneNotifications } = await import("./prune");
    await channel({ name: "hook", kind: "webhook", url: http.url("/hook") });
    const n = notifier();
    const old = new Date(Date.now() - 100 * 86_400_000);
    for (const [key, kind] of [
      ["a", "service-down"],
      ["b", "service-up"],
      ["c", "drift"],
      ["d", "service-down"],
    ] as const) {
      const { eventId } = await n.notify({
        kind,
        key,
        subject: key === "d" ? "service:other" : "service:grafana",
        title: key,
        message: key,
      });
      if (key !== "d") await db().notifyEvent.update({ where: { id: eventId }, data: { createdAt: old } });
    }
    expect(await db().notifyDelivery.count()).toBe(4);
    expect(await pruneNotifications(db(), 90, Date.now())).toBe(2);
    expect((await db().notifyEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.key)).toEqual(["b", "d"]);
    expect(await db().notifyDelivery.count()).toBe(2);
  });
});
