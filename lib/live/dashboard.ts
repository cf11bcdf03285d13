import "server-only";
// Dashboard subscription: health snapshot on subscribe, then pushed changes. No polling.
import type { Server } from "socket.io";
import type { HealthMonitor } from "../health/monitor";
import type { ClientToServer, ServerToClient } from "./events";
import { allowed, type SocketData } from "./auth";
import type { HealthSnapshot } from "../health/types";

/** Anonymous viewers (when allowed at all) get service health only, never machines. */
function visible(snapshot: HealthSnapshot, data: SocketData): HealthSnapshot {
  if (data.user) return snapshot;
  return Object.fromEntries(Object.entries(snapshot).filter(([k]) => !k.startsWith("machine:")));
}

export function attachDashboard(io: Server<ClientToServer, ServerToClient>, monitor: HealthMonitor): void {
  monitor.on("change", (changed) => {
    io.to("dashboard").except("anonymous").emit("health:update", changed);
    const open = visible(changed, { user: null, address: "", token: null });
    if (Object.keys(open).length) io.to("anonymous").emit("health:update", open);
  });
  io.on("connection", (socket) => {
    socket.on("dashboard:subscribe", () => {
      if (!allowed(socket, "dashboard:read")) return;
      const data = socket.data as SocketData;
      void socket.join(data.user ? "dashboard" : ["dashboard", "anonymous"]);
      socket.emit("health:snapshot", visible(monitor.snapshot(), data));
    });
  });
}
