import "server-only";
// journal:subscribe / journal:unsubscribe (jobs:read: journals can hold secrets, never anonymous).
// One remote journalctl per distinct filter, shared; it is killed when its last viewer leaves.
import type { Server, Socket } from "socket.io";
import { commandLine, journal } from "../commands";
import type { Db } from "../db/client";
import { ConflictError, ValidationError } from "../errors";
import { exec } from "../ssh/exec";
import type { SshPool } from "../ssh/pool";
import { journalFilterSchema, journalUnsubscribeSchema } from "../validation/live";
import { normalise, queryOf, streamIdOf } from "./journal-filter";
import { DEFAULT_JOURNAL_STREAM, JournalStream, type JournalStreamSettings } from "./journal-stream";
import { accept, ackOf, refuse } from "./respond";
import { machineTarget } from "./unit-source";

export const MAX_JOURNAL_STREAMS_PER_SOCKET = 5;

export type JournalDeps = { db: () => Db; pool: () => SshPool; settings?: Partial<JournalStreamSettings> };
export type JournalHub = {
  streams(): Map<string, JournalStream>;
  /** Ends every remote journalctl and waits (bounded) until each was killed: for shutdown. */
  closeAll(timeoutMs?: number): Promise<void>;
};

export function attachJournal(io: Server, deps: JournalDeps): JournalHub {
  const settings = { ...DEFAULT_JOURNAL_STREAM, ...deps.settings };
  const streams = new Map<string, JournalStream>();
  const bySocket = new Map<string, Set<string>>();

  const forget = (socket: Socket, id: string) => bySocket.get(socket.id)?.delete(id);
  const leave = (socket: Socket, id: string) => {
    forget(socket, id);
    const stream = streams.get(id);
    if (!stream) return;
    stream.leave(socket);
    if (stream.viewers.size === 0) stream.stop();
  };

  const open = async (id: string, filter: ReturnType<typeof normalise>): Promise<JournalStream> => {
    const reach = await machineTarget(deps.db(), filter.machine, deps.pool().settings.keyFile);
    if (!reach) throw new ValidationError(`${filter.machine} has no SSH host or user in the inventory.`);
    const command = commandLine(journal({ sshUser: reach.sshUser }, queryOf(filter, settings.backlog)));
    const existing = streams.get(id); // opened meanwhile by another viewer
    if (existing) return existing;
    const stream = new JournalStream(
      id,
      settings,
      async (onLine, signal) => {
        const r = await exec(reach.target, {
          command,
          label: "journalctl",
          pool: deps.pool(),
          signal,
          onLine: (s, line) => void (s === "stdout" && onLine(line)),
        });
        return r.exitCode === 0
          ? "journalctl ended"
          : `journalctl exited ${r.exitCode ?? r.signal}: ${r.stderrTail.split("\n").at(-1) ?? ""}`;
      },
      (s) => {
        if (streams.get(s.id) === s) streams.delete(s.id);
        for (const socket of s.viewers.values()) forget(socket, s.id);
      },
      (s, socket) => forget(socket, s.id),
    );
    streams.set(id, stream);
    return stream;
  };

  io.on("connection", (socket) => {
    const mine = new Set<string>();
    bySocket.set(socket.id, mine);

    socket.on("journal:subscribe", async (payload: unknown, ackArg?: unknown) => {
      const ack = ackOf(ackArg);
      const f = accept(socket, "journal:subscribe", "jobs:read", journalFilterSchema, payload, ack);
      if (!f) return;
      try {
        const filter = normalise(f);
        const id = streamIdOf(filter);
        if (!mine.has(id)) {
          if (mine.size >= MAX_JOURNAL_STREAMS_PER_SOCKET)
            throw new ConflictError(`At most ${MAX_JOURNAL_STREAMS_PER_SOCKET} journals per connection.`);
          mine.add(id); // counts against the cap while the stream opens
          const stream = await open(id, filter).catch((err: unknown) => {
            mine.delete(id);
            throw err;
          });
          if (!socket.connected || !mine.has(id)) return leave(socket, id);
          ack?.({ ok: true, streamId: id }); // first the id, then the backlog that carries it
          stream.join(socket);
          return;
        }
        ack?.({ ok: true, streamId: id });
      } catch (err) {
        refuse(socket, "journal:subscribe", ack, err);
      }
    });

    socket.on("journal:unsubscribe", (payload: unknown, ackArg?: unknown) => {
      const ack = ackOf(ackArg);
      const p = accept(socket, "journal:unsubscribe", "jobs:read", journalUnsubscribeSchema, payload, ack);
      if (!p) return;
      leave(socket, p.streamId);
      ack?.({ ok: true });
    });

    socket.on("disconnect", () => {
      for (const id of [...mine]) leave(socket, id);
      bySocket.delete(socket.id);
    });
  });

  return {
    streams: () => streams,
    closeAll: async (timeoutMs = 3000) => {
      const all = [...streams.values()];
      for (const s of all) s.stop();
      await Promise.race([Promise.allSettled(all.map((s) => s.done)), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    },
  };
}
