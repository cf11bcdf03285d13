// The wiring as server.ts uses it: the process notifier listening to a health monitor's "round" and a
// job runner's "job" events (plain emitters with their event shapes), sending on its own timers.
import { EventEmitter } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import { parseChannelForm } from "../validation/notify";
import { httpReceiver } from "./receivers.test-support";
import { startNotifications } from "./registry";
import { saveChannel } from "./settings";

useTestDatabase();
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
});
