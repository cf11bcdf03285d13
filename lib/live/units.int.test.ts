// Unit status over real socket.io from the lab (frame2): one shared poller per machine however many
// viewers, pushed changes, stopped when nobody watches; an unreachable machine reports its error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket as ClientSocket } from "socket.io-client";
import { lab } from "@/e2e/lab";
import { useTestDatabase } from "../test/db";
import { createSshPool, type SshPool } from "../ssh/pool";
import type { WireUnits } from "./events";
import { attachUnits, type UnitsHub } from "./units";
import { request, startLiveServer, type LiveServer } from "./live-server.test-support";

const tdb = useTestDatabase();
let pool: SshPool;
let live: LiveServer;
let hub: UnitsHub;

beforeAll(async () => {
  const info = await lab.up();
  pool = createSshPool({ keyFile: info.privateKeyPath, connectAttempts: 1, connectTimeoutMs: 2000 });
  const db = tdb.client();
  const fp = info.hosts.find((h) => h.name === "frame2")?.hostKeyFingerprint ?? null;
  const frame2 = await db.machine.create({
    data: { name: "frame2", system: "x86_64-linux", role: "testing", sshHost: "10.231.2.2", sshUser: "admin", hostKeyFingerprint: fp },
  });
  // An address nothing answers on (TEST-NET-1).
  const ghost = await db.machine.create({
    data: { name: "ghost", system: "x86_64-linux", role: "testing", sshHost: "192.0.2.1", sshUser: "admin", hostKeyFingerprint: fp },
  });
  for (const [slug, unit, machineId] of [
    ["loki", "loki.service", frame2.id],
    ["grafana", "grafana.service", frame2.id],
    ["missing", "no-such-unit.service", frame2.id],
    ["ghost-web", "caddy.service", ghost.id],
  ] as const)
    await db.service.create({ data: { slug, name: slug, unit, machineId } });
  await lab.healUnit("frame2", "loki");
  live = await startLiveServer(db, (io) => {
    hub = attachUnits(io, { db: tdb.client, pool: () => pool, intervalMs: 500, maxBackoffMs: 2000 });
  });
});

afterAll(async () => {
  await live?.close();
  pool?.closeAll();
  await lab.healUnit("frame2", "loki").catch(() => {});
});

function watch(s: ClientSocket) {
  const states: WireUnits[] = [];
  s.on("units:state", (st: WireUnits) => states.push(st));
  return states;
}
const loki = (st: WireUnits | null | undefined) => st?.units.find((u) => u.service === "loki");

describe("unit status", () => {
  it("shares one poller per machine, pushes changes to every viewer, stops when nobody watches", async () => {
    const clients = await Promise.all([live.client(), live.client(), live.client("admin")]);
    const seen = clients.map(watch);
    const acks = await Promise.all(
      clients.map((c) => request<{ ok: boolean; state: WireUnits }>(c, "units:subscribe", { machine: "frame2" })),
    );
    for (const [i, a] of acks.entries()) {
      expect(a.ok).toBe(true);
      // The ack carries the state when the first poll finished within 3 s; otherwise it follows.
      const first = a.state ?? (await lab.waitFor("the first state", async () => seen[i][0], 15_000, 20));
      expect(loki(first)).toMatchObject({ unit: "loki.service", activeState: "active", subState: "running" });
      expect(loki(first)?.mainPid).toBeGreaterThan(1);
      // A unit frame2 does not have is "not-found", not the "inactive" systemd reports for it.
      expect(first.units.find((u) => u.service === "missing")).toMatchObject({ unit: "no-such-unit.service", activeState: "not-found" });
    }
    expect(hub.pollers().size).toBe(1);
    const poller = hub.pollers().get("frame2")!;

    // Three viewers, one `systemctl show` per interval: count the poller's runs over a while.
    const before = poller.polls;
    const t0 = Date.now();
    await lab.waitFor("a few polls", async () => (poller.polls >= before + 4 ? true : null), 20_000, 50);
    const perSecond = ((poller.polls - before) * 1000) / (Date.now() - t0);
    console.log(`3 viewers of frame2: ${perSecond.toFixed(2)} polls/s (interval 500 ms)`);
    expect(perSecond).toBeLessThan(3); // one poller (~2/s), not one per viewer (~6/s)

    await lab.failUnit("frame2", "loki");
    const failedAt = Date.now();
    for (const states of seen)
      await lab.waitFor(
        "every viewer to see loki fail",
        async () => (states.some((s) => loki(s)?.activeState === "failed") ? true : null),
        15_000,
        20,
      );
    console.log(`loki failure reached 3 viewers ${Date.now() - failedAt} ms after failUnit returned`);
    await lab.healUnit("frame2", "loki");
    for (const states of seen)
      await lab.waitFor(
        "every viewer to see loki active again",
        async () => (loki(states.at(-1))?.activeState === "active" ? true : null),
        15_000,
        20,
      );

    // Unchanged states are not pushed: between changes nothing arrives.
    const count = seen[0].length;
    const polled = poller.polls;
    await lab.waitFor("more polls", async () => (poller.polls >= polled + 3 ? true : null), 20_000, 50);
    expect(
      seen[0].filter((s, i) => i >= count).every((s, i, all) => i === 0 || JSON.stringify(s.units) !== JSON.stringify(all[i - 1].units)),
    ).toBe(true);

    // Leaving: unsubscribe one, disconnect the others; the poller stops with the last one.
    expect((await request<{ ok: boolean }>(clients[0], "units:unsubscribe", { machine: "frame2" })).ok).toBe(true);
    clients[1].close();
    await lab.waitFor("one viewer left", async () => (hub.pollers().size === 1 ? true : null), 5_000, 20);
    expect(poller.stopped).toBe(false);
    clients[2].close();
    await lab.waitFor("the poller to stop", async () => (hub.pollers().size === 0 ? true : null), 5_000, 20);
    expect(poller.stopped).toBe(true);
    const final = poller.polls;
    clients[0].close();
    // A stopped poller never runs again: a new viewer gets a new one.
    const c = await live.client();
    await request(c, "units:subscribe", { machine: "frame2" });
    expect(hub.pollers().get("frame2")).not.toBe(poller);
    expect(poller.polls).toBe(final);
    c.close();
  });

  it("reports an unreachable machine with its error and keeps trying", async () => {
    const c = await live.client();
    const states = watch(c);
    await request(c, "units:subscribe", { machine: "ghost" });
    const st = await lab.waitFor("an error state", async () => states.find((s) => s.error !== null), 30_000, 50);
    expect(st.error).toMatch(/192\.0\.2\.1|timed out|connect/i);
    expect(st.units).toEqual([expect.objectContaining({ service: "ghost-web", activeState: "unknown" })]);
    c.close();
  });

  it("refuses unknown machines and malformed payloads, changing nothing", async () => {
    await lab.waitFor("earlier pollers to stop", async () => (hub.pollers().size === 0 ? true : null), 5_000, 20);
    const c = await live.client();
    const errors: unknown[] = [];
    c.on("app:error", (e) => errors.push(e));
    const a = await request<{ ok: boolean; error: { code: string } }>(c, "units:subscribe", { machine: "nope" });
    expect(a).toMatchObject({ ok: false, error: { code: "not_found" } });
    const b = await request<{ ok: boolean; error: { code: string } }>(c, "units:subscribe", { machine: "-oProxyCommand=x" });
    expect(b).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(errors).toHaveLength(2);
    expect(hub.pollers().size).toBe(0);
    c.close();
  });
});
