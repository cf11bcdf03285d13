import "server-only";
// units:subscribe / units:unsubscribe (dashboard:read, like the tiles they colour): one shared
// UnitPoller per machine, started by its first viewer and stopped when the last leaves. Anonymous
// dashboard viewers (ANONYMOUS_DASHBOARD) get the states without PIDs, memory or restart counts.
import type { Server, Socket } from "socket.io";
import type { Db } from "../db/client";
import type { SshPool } from "../ssh/pool";
import { run } from "../ssh/run";
import { findMachineByName } from "../jobs/machine-targets";
import { machineSchema } from "../validation/live";
import type { WireUnits } from "./events";
import type { SocketData } from "./auth";
import { accept, ackOf, refuse } from "./respond";
import { UnitPoller, type UnitPollerDeps } from "./unit-poller";
import { loadUnitSource } from "./unit-source";

export type UnitsDeps = { db: () => Db; pool: () => SshPool; intervalMs?: number; maxBackoffMs?: number };
export type UnitsHub = { pollers(): Map<string, UnitPoller> };

function forViewer(state: WireUnits, socket: Socket): WireUnits {
  if ((socket.data as SocketData).user) return state;
  return { ...state, units: state.units.map((u) => ({ ...u, mainPid: null, restarts: null, memoryBytes: null })) };
}

export function attachUnits(io: Server, deps: UnitsDeps): UnitsHub {
  const pollerDeps: UnitPollerDeps = {
    load: (machine) => loadUnitSource(deps.db(), machine, deps.pool().settings.keyFile),
    run: (target, command, signal) => run(target, command, { pool: deps.pool(), signal, timeoutMs: 10_000, label: "systemctl show" }),
    intervalMs: deps.intervalMs ?? 1000,
    maxBackoffMs: deps.maxBackoffMs ?? 30_000,
  };
  const pollers = new Map<string, UnitPoller>();
  const viewers = new Map<string, Map<string, Socket>>(); // machine -> socket id -> socket

  const leave = (machine: string, socket: Socket) => {
    const watching = viewers.get(machine);
    if (!watching?.delete(socket.id) || watching.size > 0) return;
    viewers.delete(machine);
    pollers.get(machine)?.stop();
    pollers.delete(machine);
  };
  const join = (machine: string, socket: Socket): UnitPoller => {
    let poller = pollers.get(machine);
    if (!poller) {
      const p = new UnitPoller(machine, pollerDeps);
      p.on("state", (state) => {
        for (const s of viewers.get(machine)?.values() ?? []) s.emit("units:state", forViewer(state, s));
      });
      pollers.set(machine, (poller = p));
      viewers.set(machine, new Map());
      p.start();
    }
    viewers.get(machine)!.set(socket.id, socket);
    return poller;
  };

  io.on("connection", (socket) => {
    const mine = new Set<string>();
    socket.on("units:subscribe", async (payload: unknown, ackArg?: unknown) => {
      const ack = ackOf(ackArg);
      const p = accept(socket, "units:subscribe", "dashboard:read", machineSchema, payload, ack);
      if (!p) return;
      try {
        await findMachineByName(deps.db(), p.machine);
        if (!socket.connected) return;
        mine.add(p.machine);
        const poller = join(p.machine, socket);
        // The current state in the ack; a first viewer waits (briefly) for the first poll.
        const state = poller.current ?? (await Promise.race([poller.first(), new Promise<null>((r) => setTimeout(() => r(null), 3000))]));
        ack?.({ ok: true, state: state ? forViewer(state, socket) : null });
      } catch (err) {
        refuse(socket, "units:subscribe", ack, err);
      }
    });
    socket.on("units:unsubscribe", (payload: unknown, ackArg?: unknown) => {
      const ack = ackOf(ackArg);
      const p = accept(socket, "units:unsubscribe", "dashboard:read", machineSchema, payload, ack);
      if (!p) return;
      mine.delete(p.machine);
      leave(p.machine, socket);
      ack?.({ ok: true });
    });
    socket.on("disconnect", () => {
      for (const m of mine) leave(m, socket);
      mine.clear();
    });
  });

  return { pollers: () => pollers };
}
