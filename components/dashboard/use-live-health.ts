"use client";
// The page's shared socket: health snapshot and pushed changes; inventory changes refresh the page.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { acquireSocket, releaseSocket } from "@/components/live/socket";
import type { HealthSnapshot } from "@/lib/health/types";

export type Connection = "connecting" | "live" | "offline";

export function useLiveHealth(initial: HealthSnapshot): { health: HealthSnapshot; connection: Connection } {
  const router = useRouter();
  const [health, setHealth] = useState(initial);
  const [connection, setConnection] = useState<Connection>("connecting");

  useEffect(() => {
    const socket = acquireSocket();
    const onConnect = () => {
      setConnection("live");
      socket.emit("dashboard:subscribe");
    };
    const offline = () => setConnection("offline");
    const onSnapshot = (snapshot: HealthSnapshot) => setHealth(snapshot);
    const onUpdate = (changed: HealthSnapshot) => setHealth((h) => ({ ...h, ...changed }));
    const refresh = () => router.refresh();
    socket.on("connect", onConnect);
    socket.on("disconnect", offline);
    socket.on("connect_error", offline);
    socket.on("health:snapshot", onSnapshot);
    socket.on("health:update", onUpdate);
    socket.on("inventory:changed", refresh);
    if (socket.connected) onConnect();
    return () => {
      socket.off("connect", onConnect).off("disconnect", offline).off("connect_error", offline);
      socket.off("health:snapshot", onSnapshot).off("health:update", onUpdate).off("inventory:changed", refresh);
      releaseSocket();
    };
  }, [router]);

  return { health, connection };
}
