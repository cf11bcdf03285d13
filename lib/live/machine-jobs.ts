import "server-only";
// machine:subscribe / machine:unsubscribe (jobs:read): what changes a machine, pushed. The runner's
// "job" events (a job of the machine changed status) and "queue" events (its queue changed) become
// machine:jobs for the sockets watching that machine, so its page disables Deploy the moment a
// change starts anywhere, and refreshes its history when a job ends, without asking.
import type { EventEmitter } from "node:events";
import type { Server } from "socket.io";
import type { Db } from "../db/client";
import { ConflictError } from "../errors";
import { loadJob } from "../jobs/job-store";
import { findMachineByName } from "../jobs/machine-targets";
import type { JobEvents } from "../jobs/runner";
import { machineSchema } from "../validation/live";
import { toWireJob, type MachineBusy, type WireJob } from "../wire/job";
import type { MachineJobs } from "./events";
import { machineRoom } from "./io";
import { accept, ackOf, refuse } from "./respond";

export const MAX_MACHINES_PER_SOCKET = 20;

export type MachineJobsDeps = {
  runner: EventEmitter<JobEvents> & { busy(machine: string): MachineBusy; position(id: number): number | null };
  db: () => Db;
};

const room = machineRoom;

export function attachMachineJobs(io: Server, deps: MachineJobsDeps): void {
  const watched = (machine: string) => (io.sockets.adapter.rooms.get(room(machine))?.size ?? 0) > 0;
  // `busy` is read when the message leaves, so it is never older than the job it comes with.
  const push = (machine: string, job: WireJob | null) =>
    io.to(room(machine)).emit("machine:jobs", { machine, busy: deps.runner.busy(machine), job } satisfies MachineJobs);

  deps.runner.on("queue", ({ machine }) => {
    if (watched(machine)) push(machine, null);
  });
  deps.runner.on("job", ({ id, machine }) => {
    if (!watched(machine)) return;
    loadJob(deps.db(), id).then(
      (row) => push(machine, toWireJob(row, deps.runner.position(id))),
      (err: unknown) => console.error(`[live] machine ${machine}, job ${id}:`, err),
    );
  });

  io.on("connection", (socket) => {
    const mine = new Set<string>();
    socket.on("machine:subscribe", async (payload: unknown, ackArg?: unknown) => {
      const ack = ackOf(ackArg);
      const p = accept(socket, "machine:subscribe", "jobs:read", machineSchema, payload, ack);
      if (!p) return;
      try {
        if (!mine.has(p.machine) && mine.size >= MAX_MACHINES_PER_SOCKET) {
          throw new ConflictError(`At most ${MAX_MACHINES_PER_SOCKET} machines per connection.`);
        }
        await findMachineByName(deps.db(), p.machine);
        if (!socket.connected) return;
        mine.add(p.machine);
        await socket.join(room(p.machine)); // changes from here on are pushed; the ack has the state before them
        ack?.({ ok: true, busy: deps.runner.busy(p.machine) });
      } catch (err) {
        refuse(socket, "machine:subscribe", ack, err);
      }
    });
    socket.on("machine:unsubscribe", async (payload: unknown, ackArg?: unknown) => {
      const ack = ackOf(ackArg);
      const p = accept(socket, "machine:unsubscribe", "jobs:read", machineSchema, payload, ack);
      if (!p) return;
      mine.delete(p.machine);
      await socket.leave(room(p.machine));
      ack?.({ ok: true });
    });
  });
}
