// The wiring as server.ts uses it: the process notifier listening to a health monitor's "round" and a
// job runner's "job" events (plain emitters with their event shapes), sending on its own timers.
import { EventEmitter } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import { parseChannelForm } from "../validation/notify";
import { httpReceiver } from "./receivers.test-support";
import { onFlakeUpdatesAvailable, reportFlakeUpdates } from "../machine/flake-events";
import { startNotifications } from "./registry";
import { saveChannel } from "./settings";

const t = useTestDatabase();
let http: Awaited<ReturnType<typeof httpReceiver>>;
beforeAll(async () => {
  http = await httpReceiver();
});
afterAll(() => http.close());

describe("startNotifications", () => {
  it("turns a service outage (after the grace period) and a finished rollback into sends", async () => {
    const parsed = parseChannelForm({ name: "hook", kind: "webhook", url: http.url("/hook") }, ["service", "deploy"]);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
    await saveChannel(parsed.data);
    const monitor = new EventEmitter();
    const runner = new EventEmitter();
    const logs: string[] = [];
    const stop = startNotifications(monitor, runner, (m) => logs.push(m));
    try {
      const down = { "service:grafana": { status: "down", detail: "connection refused" } };
      // NOTIFY_GRACE_CHECKS defaults to 2: the first down round sends nothing, the second does.
      monitor.emit("round", down);
      monitor.emit("round", down);
      monitor.emit("round", down);
      runner.emit("job", { id: 7, machine: "frame1", kind: "rollback", status: "running", message: "" });
      runner.emit("job", { id: 7, machine: "frame1", kind: "rollback", status: "succeeded", message: "system changed" });
      runner.emit("job", { id: 8, machine: "frame1", kind: "build", status: "failed", message: "build exited 1" });
      await expect.poll(() => http.received.length, { timeout: 15_000 }).toBe(2);
      const kinds = http.received.map((r) => (JSON.parse(r.body) as { kind: string; title: string }).title).sort();
      expect(kinds).toEqual(["Rollback of frame1 succeeded", "grafana is down"]);
      expect(logs).toEqual([]);
    } finally {
      stop();
    }
  });

  it("sends what a scheduled flake check found once, and again only when an input moves on", async () => {
    const parsed = parseChannelForm({ name: "flake hook", kind: "webhook", url: http.url("/flake") }, ["flake-updates"]);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
    await saveChannel(parsed.data);
    const logs: string[] = [];
    const stop = startNotifications(new EventEmitter(), new EventEmitter(), (m) => logs.push(m), onFlakeUpdatesAvailable);
    const sent = () => http.received.filter((r) => r.path === "/flake");
    const update = (newRev: string, jobId: number) => ({
      machine: "frame1",
      jobId,
      at: new Date().toISOString(),
      changes: [
        {
          input: "nixpkgs",
          kind: "updated" as const,
          oldType: "github",
          newType: "github",
          oldRev: "a".repeat(40),
          newRev,
          oldDate: null,
          newDate: null,
          oldFollows: null,
          newFollows: null,
          narHashChanged: true,
          compareUrl: null,
          source: "NixOS/nixpkgs",
        },
      ],
    });
    try {
      reportFlakeUpdates(update("b".repeat(40), 11));
      await expect.poll(() => sent().length, { timeout: 15_000 }).toBe(1);
      const body = JSON.parse(sent()[0].body) as { kind: string; title: string; message: string };
      expect(body.kind).toBe("flake-updates");
      expect(body.title).toBe("frame1: 1 flake input has updates");
      expect(body.message).toContain("nixpkgs aaaaaaa → bbbbbbb");
      // The next check finds the same revision: nothing new. A newer one is sent.
      reportFlakeUpdates(update("b".repeat(40), 12));
      reportFlakeUpdates(update("c".repeat(40), 13));
      await expect.poll(() => sent().length, { timeout: 15_000 }).toBe(2);
      expect((JSON.parse(sent()[1].body) as { message: string }).message).toContain("aaaaaaa → ccccccc");
      expect(await t.client().notifyEvent.count({ where: { kind: "flake-updates" } })).toBe(2);
      expect(logs).toEqual([]);
    } finally {
      stop();
    }
  });
});
