"use client";
// One socket.io connection per page, shared by every live hook on it (dashboard health, unit
// states, a machine's jobs, job logs, journals). Opened by the first user, closed when the last one
// lets go. Whether it is connected is kept here once, for every hook that shows it.
import { useSyncExternalStore } from "react";
import { io, type Socket } from "socket.io-client";

export type Connection = "connecting" | "live" | "offline";

let shared: Socket | null = null;
let users = 0;
let connection: Connection = "connecting";
const watchers = new Set<() => void>();

function setConnection(next: Connection): void {
  if (connection === next) return;
  connection = next;
  for (const w of watchers) w();
}

export function acquireSocket(): Socket {
  users += 1;
  if (!shared) {
    shared = io({ transports: ["websocket", "polling"] });
    shared.on("connect", () => setConnection("live"));
    shared.on("disconnect", () => setConnection("offline"));
    shared.on("connect_error", () => setConnection("offline"));
  }
  return shared;
}

export function releaseSocket(): void {
  users = Math.max(0, users - 1);
  if (users === 0 && shared) {
    shared.close();
    shared = null;
    setConnection("connecting");
  }
}

function watch(onChange: () => void): () => void {
  acquireSocket();
  watchers.add(onChange);
  return () => {
    watchers.delete(onChange);
    releaseSocket();
  };
}

/** The page's connection: "connecting" until the first connect, "offline" while it reconnects. */
export function useConnection(): Connection {
  return useSyncExternalStore(
    watch,
    () => connection,
    () => "connecting",
  );
}
