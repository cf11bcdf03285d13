"use client";
// The page's socket.io connection, typed with the shared contract (same options as the dashboard).
import { io, type Socket } from "socket.io-client";
import type { ClientToServer, ServerToClient } from "@/lib/live/events";

export type PanelSocket = Socket<ServerToClient, ClientToServer>;
export type Connection = "connecting" | "live" | "offline";

export function openSocket(): PanelSocket {
  return io({ transports: ["websocket", "polling"] });
}

/** Coalesces many calls into one per animation frame (re-render once per frame at most). */
export function frameScheduler(fn: () => void): { schedule: () => void; cancel: () => void } {
  let handle: number | null = null;
  return {
    schedule: () => {
      if (handle !== null) return;
      handle = requestAnimationFrame(() => {
        handle = null;
        fn();
      });
    },
    cancel: () => {
      if (handle !== null) cancelAnimationFrame(handle);
      handle = null;
    },
  };
}
