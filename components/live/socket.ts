"use client";
// One socket.io connection per page, shared by every live hook on it (dashboard health, unit
// states, job logs, journals). Opened by the first user, closed when the last one lets go.
import { io, type Socket } from "socket.io-client";

let shared: Socket | null = null;
let users = 0;

export function acquireSocket(): Socket {
  users += 1;
  shared ??= io({ transports: ["websocket", "polling"] });
  return shared;
}

export function releaseSocket(): void {
  users = Math.max(0, users - 1);
  if (users === 0 && shared) {
    shared.close();
    shared = null;
  }
}
