"use client";
// Live systemd unit states of the given machines (one units:subscribe per machine, re-sent after a
// reconnect). Returns the latest state per machine; missing until the first answer.
import { useEffect, useState } from "react";
import type { WireUnits } from "@/lib/live/events";
import { acquireSocket, releaseSocket } from "./socket";

export type UnitStates = Record<string, WireUnits>;

export function useUnits(machines: readonly string[]): UnitStates {
  const [states, setStates] = useState<UnitStates>({});
  const key = [...new Set(machines)].sort().join(",");

  useEffect(() => {
    const names = key ? key.split(",") : [];
    if (names.length === 0) return;
    const socket = acquireSocket();
    const put = (s: WireUnits | null | undefined) => s && names.includes(s.machine) && setStates((old) => ({ ...old, [s.machine]: s }));
    const subscribe = () => {
      for (const machine of names)
        socket.emit("units:subscribe", { machine }, (r: { ok: boolean; state?: WireUnits | null }) => r.ok && put(r.state));
    };
    socket.on("units:state", put);
    socket.on("connect", subscribe);
    if (socket.connected) subscribe();
    return () => {
      socket.off("units:state", put);
      socket.off("connect", subscribe);
      if (socket.connected) for (const machine of names) socket.emit("units:unsubscribe", { machine });
      releaseSocket();
    };
  }, [key]);

  return states;
}
