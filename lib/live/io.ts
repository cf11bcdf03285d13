import "server-only";
// The socket.io server, on globalThis so route handlers in Next's bundle can reach the instance
// server.ts attached to the HTTP server.
import type { Server } from "socket.io";
import { invalidateDashboardData } from "../dashboard/snapshot";
import { pageCache } from "../http/page-cache";

const KEY = Symbol.for("homelab-panel.io");
type Holder = { [KEY]?: Server };
const holder = globalThis as Holder;

export function setIo(io: Server): void {
  holder[KEY] = io;
}

export function io(): Server | undefined {
  return holder[KEY];
}

/** Tells every open dashboard that the inventory changed, so it re-renders. */
export function broadcastInventoryChanged(): void {
  invalidateDashboardData();
  pageCache().invalidate();
  holder[KEY]?.to("dashboard").emit("inventory:changed");
}

/** The room of the sockets watching a machine's page (machine:subscribe, jobs:read). */
export const machineRoom = (machine: string) => `machine:${machine}`;

/**
 * Tells every open page of `machine` that its flake checkout changed (someone fetched, pulled or
 * committed an input update), so its checkout card renders again without polling.
 */
export function broadcastCheckoutChanged(machine: string): void {
  holder[KEY]?.to(machineRoom(machine)).emit("machine:checkout", { machine });
}
