"use client";
// The page's socket.io connection, typed with the shared contract (same options as the dashboard).
import { io, type Socket } from "socket.io-client";
import type { ClientToServer, ServerToClient } from "@/lib/live/events";

export type PanelSocket = Socket<ServerToClient, ClientToServer>;
export type Connection = "connecting" | "live" | "offline";

export function openSocket(): PanelSocket {
  return io({ transports: ["websocket", "polling"] });
}

/**
 * Coalesces many calls into one re-render per ~frame. A timer, not requestAnimationFrame: a window
 * that is hidden or covered gets no animation frames, and its log must still be current when shown.
 */
export function frameScheduler(fn: () => void, ms = 16): { schedule: () => void; cancel: () => void } {
  let handle: ReturnType<typeof setTimeout> | null = null;
  return {
    schedule: () => {
      if (handle !== null) return;
      handle = setTimeout(() => {
        handle = null;
        fn();
      }, ms);
    },
    cancel: () => {
      if (handle !== null) clearTimeout(handle);
      handle = null;
    },
  };
}
