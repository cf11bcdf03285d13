"use client";
// One socket per page: health snapshot and pushed changes; inventory changes refresh the page.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { io } from "socket.io-client";
import type { HealthSnapshot } from "@/lib/health/types";

export type Connection = "connecting" | "live" | "offline";

export function useLiveHealth(initial: HealthSnapshot): { health: HealthSnapshot; connection: Connection } {
  const router = useRouter();
  const [health, setHealth] = useState(initial);
  const [connection, setConnection] = useState<Connection>("connecting");

  useEffect(() => {
    const socket = io({ transports: ["websocket", "polling"] });
    socket.on("connect", () => {
      setConnection("live");
      socket.emit("dashboard:subscribe");
    });
    socket.on("disconnect", () => setConnection("offline"));
    socket.on("connect_error", () => setConnection("offline"));
    socket.on("health:snapshot", (snapshot: HealthSnapshot) => setHealth(snapshot));
    socket.on("health:update", (changed: HealthSnapshot) => setHealth((h) => ({ ...h, ...changed })));
    socket.on("inventory:changed", () => router.refresh());
    return () => {
      socket.close();
    };
  }, [router]);

  return { health, connection };
}
