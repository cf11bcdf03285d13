"use client";
// The page's one socket.io connection (components/live/socket.ts), typed with the shared contract.
// A hook that takes it removes its own listeners and releases it; it never closes it.
import type { Socket } from "socket.io-client";
import { acquireSocket, releaseSocket } from "@/components/live/socket";
import type { ClientToServer, ServerToClient } from "@/lib/live/events";

export type PanelSocket = Socket<ServerToClient, ClientToServer>;

export function acquirePanelSocket(): PanelSocket {
  return acquireSocket() as PanelSocket;
}

export { releaseSocket };

type Handlers = { [E in keyof ServerToClient]?: ServerToClient[E] } & {
  connect?: () => void;
  disconnect?: () => void;
  connect_error?: () => void;
};
type Untyped = { on(event: string, fn: (...args: never[]) => void): unknown; off(event: string, fn: (...args: never[]) => void): unknown };

/** Adds a hook's listeners to the shared socket; the returned function removes exactly those. */
export function listen(socket: PanelSocket, handlers: Handlers): () => void {
  const entries = Object.entries(handlers) as [string, (...args: never[]) => void][];
  const s = socket as unknown as Untyped;
  for (const [event, fn] of entries) s.on(event, fn);
  return () => {
    for (const [event, fn] of entries) s.off(event, fn);
  };
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
