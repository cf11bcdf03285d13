import "server-only";
// metrics:subscribe / metrics:unsubscribe / metrics:range (inventory:read: machines are not shown
// to anonymous visitors). One MetricsLoop per machine shared by every viewer, started by the first
// and stopped when the last leaves. The ack carries what is known now (the running loop's state,
// or a recent one from the cache) without waiting: the first reading comes by push.
import type { Server, Socket } from "socket.io";
import type { Db } from "../db/client";
import { MetricsLoop, type MetricsLoopDeps } from "../metrics/loop";
import { MetricsSourceError } from "../metrics/http";
import { readFigures } from "../metrics/read";
import { readSeries } from "../metrics/series";
import { loadSource } from "../metrics/source";
import type { WireMetrics } from "../metrics/types";
import { machineSchema, metricsRangeSchema } from "../validation/live";
import { accept, ackOf, refuse } from "./respond";

export type MetricsDeps = { db: () => Db; intervalMs: number; timeoutMs: number; read?: MetricsLoopDeps["read"] };
export type MetricsHub = { loops(): Map<string, MetricsLoop> };

/** A stopped loop's last state is served to the next first viewer for this long. */
const CACHE_MS = 60_000;

export function attachMetrics(io: Server, deps: MetricsDeps): MetricsHub {
  const loopDeps: MetricsLoopDeps = {
    load: (machine) => loadSource(deps.db(), machine),
    read: deps.read ?? readFigures,
    intervalMs: deps.intervalMs,
    timeoutMs: deps.timeoutMs,
  };
  const loops = new Map<string, MetricsLoop>();
  const viewers = new Map<string, Map<string, Socket>>();
  const cache = new Map<string, { state: WireMetrics; until: number }>();

  const leave = (machine: string, socket: Socket) => {
    const watching = viewers.get(machine);
    if (!watching?.delete(socket.id) || watching.size > 0) return;
    viewers.delete(machine);
    const loop = loops.get(machine);
    if (loop?.current) cache.set(machine, { state: loop.current, until: Date.now() + CACHE_MS });
    loop?.stop();
    loops.delete(machine);
  };
  const join = (machine: string, socket: Socket): MetricsLoop => {
    let loop = loops.get(machine);
    if (!loop) {
      const l = new MetricsLoop(machine, loopDeps);
      const cached = cache.get(machine);
      if (cached && cached.until > Date.now()) l.seed(cached.state.cpuSpark);
      l.on("state", (state) => {
        for (const s of viewers.get(machine)?.values() ?? []) s.emit("metrics:state", state);
      });
      loops.set(machine, (loop = l));
      viewers.set(machine, new Map());
      l.start();
    }
    viewers.get(machine)!.set(socket.id, socket);
    return loop;
  };
  const known = (machine: string): WireMetrics | null => {
    const live = loops.get(machine)?.current;
    if (live) return live;
    const cached = cache.get(machine);
    return cached && cached.until > Date.now() ? cached.state : null;
  };

  io.on("connection", (socket) => {
    const mine = new Set<string>();
    socket.on("metrics:subscribe", async (payload: unknown, ackArg?: unknown) => {
      const ack = ackOf(ackArg);
      const p = accept(socket, "metrics:subscribe", "inventory:read", machineSchema, payload, ack);
      if (!p) return;
      try {
        await loadSource(deps.db(), p.machine); // an unknown machine is refused before a loop starts
        if (!socket.connected) return;
        const state = known(p.machine);
        mine.add(p.machine);
        join(p.machine, socket);
        ack?.({ ok: true, state });
      } catch (err) {
        refuse(socket, "metrics:subscribe", ack, err);
      }
    });
    socket.on("metrics:unsubscribe", (payload: unknown, ackArg?: unknown) => {
      const ack = ackOf(ackArg);
      const p = accept(socket, "metrics:unsubscribe", "inventory:read", machineSchema, payload, ack);
      if (!p) return;
      mine.delete(p.machine);
      leave(p.machine, socket);
      ack?.({ ok: true });
    });
    socket.on("metrics:range", async (payload: unknown, ackArg?: unknown) => {
      const ack = ackOf(ackArg);
      const p = accept(socket, "metrics:range", "inventory:read", metricsRangeSchema, payload, ack);
      if (!p) return;
      try {
        const source = await loadSource(deps.db(), p.machine);
        // A source that is down or keeps no history is an answer ("no charts, because ..."), not a refusal.
        const series = await readSeries(p.machine, source, p.range, { timeoutMs: deps.timeoutMs * 2 }).catch((err: unknown) => {
          if (err instanceof MetricsSourceError) return err.message;
          throw err;
        });
        ack?.(typeof series === "string" ? { ok: true, series: null, reason: series } : { ok: true, series, reason: null });
      } catch (err) {
        refuse(socket, "metrics:range", ack, err);
      }
    });
    socket.on("disconnect", () => {
      for (const m of mine) leave(m, socket);
      mine.clear();
    });
  });

  return { loops: () => loops };
}
