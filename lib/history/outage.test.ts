// The real health monitor checks a real local HTTP server that is stopped for a while; its rounds
// reach the real store (startHealthHistory) stamped by an injected clock that moves 30 s per round,
// so the outage has a known length without any waiting on the real clock.
import { afterAll, describe, expect, it } from "vitest";
import { EventEmitter } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { useTestDatabase } from "../test/db";
import { HealthMonitor } from "../health/monitor";
import { parseAllowList } from "../health/allow";
import type { HealthSnapshot } from "../health/types";
import { startHealthHistory } from "./registry";
import { HistoryStore } from "./store";
import { HOUR_MS } from "./types";

useTestDatabase();
const STEP = 30_000;
const T0 = Date.UTC(2026, 11, 3, 8);

let server: Server | null = null;
async function serve(port = 0): Promise<number> {
  server = createServer((_req, res) => res.end("ok"));
  await new Promise<void>((ok) => server!.listen(port, "127.0.0.1", ok));
  return (server.address() as AddressInfo).port;
}
async function stop(): Promise<void> {
  const s = server;
  server = null;
  s?.closeAllConnections();
  await new Promise((ok) => s?.close(ok));
}
afterAll(stop);

describe("a stopped service in the health history", () => {
  it("appears as an incident as long as the outage, and the 24 h uptime drops by its share", async () => {
    const port = await serve();
    const monitor = new HealthMonitor({
      intervalMs: 3_600_000, // rounds are run by hand below
      timeoutMs: 2_000,
      slowMs: 1_000,
      allow: parseAllowList("127.0.0.1"),
      loadTargets: async () => [{ key: "service:web", kind: "http", url: `http://127.0.0.1:${port}/` }],
    });
    let clock = T0;
    const stamped = new EventEmitter<{ round: [HealthSnapshot] }>();
    monitor.on("round", (r) =>
      stamped.emit("round", Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { ...v, checkedAt: new Date(clock).toISOString() }]))),
    );
    const store = new HistoryStore({ retentionDays: 90, maxGapMs: 2 * STEP + 5_000 });
    const stopHistory = startHealthHistory(store, stamped, () => {}, { now: () => clock });
    const rounds = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await monitor.refresh();
        clock += STEP;
      }
    };

    await rounds(120); // an hour up
    await stop();
    await rounds(40); // 20 minutes down: connection refused
    await serve(port);
    await rounds(80); // 40 minutes up again
    await store.record({}); // waits for the writes the rounds queued
    stopHistory();

    const now = clock;
    const [incident] = await store.incidents("service:web", now);
    expect(incident).toEqual({
      startedAt: T0 + HOUR_MS,
      endedAt: T0 + HOUR_MS + 20 * 60_000,
      durationMs: 20 * 60_000,
      detail: "connection refused",
    });
    const [day] = await store.uptime("service:web", now);
    expect(day).toBeCloseTo(100 / 120, 9); // 2 h known, 20 min of it down
    await store.rollUp(now);
    expect((await store.tileHistory(["service:web"], now))["service:web"].uptime.day).toBeCloseTo(100 / 120, 9);
  });
});
