import "server-only";
// Unknown events get an error event and change nothing.
import type { Server } from "socket.io";

export function refuseUnknownEvents(io: Server, known: readonly string[]): void {
  io.on("connection", (socket) => {
    socket.onAny((event: string) => {
      if (!known.includes(event)) {
        socket.emit("app:error", { error: { code: "unknown_event", message: `Unknown event "${String(event).slice(0, 64)}".` } });
      }
    });
  });
}
