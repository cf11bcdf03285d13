import "server-only";
// Dashboard subscription: health snapshot on subscribe, then pushed changes. No polling.
import type { Server } from "socket.io";
import type { HealthMonitor } from "../health/monitor";
import type { ClientToServer, ServerToClient } from "./events";

export function attachDashboard(io: Server<ClientToServer, ServerToClient>, monitor: HealthMonitor): void {
  monitor.on("change", (changed) => io.to("dashboard").emit("health:update", changed));
  io.on("connection", (socket) => {
    socket.on("dashboard:subscribe", () => {
      void socket.join("dashboard");
      socket.emit("health:snapshot", monitor.snapshot());
    });
  });
}
