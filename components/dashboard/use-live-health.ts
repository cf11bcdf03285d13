"use client";
// The page's shared socket: health snapshot and pushed changes; inventory changes refresh the page.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { acquireSocket, releaseSocket, useConnection, type Connection } from "@/components/live/socket";
import type { HealthSnapshot } from "@/lib/health/types";

export function useLiveHealth(initial: HealthSnapshot): { health: HealthSnapshot; connection: Connection } {
  const router = useRouter();
  const [health, setHealth] = useState(initial);
  const connection = useConnection();

  useEffect(() => {
    const socket = acquireSocket();
    const subscribe = () => socket.emit("dashboard:subscribe");
    const onSnapshot = (snapshot: HealthSnapshot) => setHealth(snapshot);
    const onUpdate = (changed: HealthSnapshot) => setHealth((h) => ({ ...h, ...changed }));
    const refresh = () => router.refresh();
    socket.on("connect", subscribe);
    socket.on("health:snapshot", onSnapshot);
    socket.on("health:update", onUpdate);
    socket.on("inventory:changed", refresh);
    if (socket.connected) subscribe();
    return () => {
      socket.off("connect", subscribe);
      socket.off("health:snapshot", onSnapshot).off("health:update", onUpdate).off("inventory:changed", refresh);
      releaseSocket();
    };
  }, [router]);

  return { health, connection };
}
