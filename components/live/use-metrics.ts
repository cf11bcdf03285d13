"use client";
// Live resources of the given machines (one metrics:subscribe per machine, re-sent after a
// reconnect): the server's shared loop pushes every reading. Missing until the first one.
import { useEffect, useState } from "react";
import type { WireMetrics } from "@/lib/metrics/types";
import { acquireSocket, releaseSocket } from "./socket";

export type MetricsStates = Record<string, WireMetrics>;

export function useMetrics(machines: readonly string[]): MetricsStates {
  const [states, setStates] = useState<MetricsStates>({});
  const key = [...new Set(machines)].sort().join(",");

  useEffect(() => {
    const names = key ? key.split(",") : [];
    if (names.length === 0) return;
    const socket = acquireSocket();
    const put = (s: WireMetrics | null | undefined) => s && names.includes(s.machine) && setStates((old) => ({ ...old, [s.machine]: s }));
    const subscribe = () => {
      for (const machine of names)
        socket.emit("metrics:subscribe", { machine }, (r: { ok: boolean; state?: WireMetrics | null }) => r.ok && put(r.state));
    };
    socket.on("metrics:state", put);
    socket.on("connect", subscribe);
    if (socket.connected) subscribe();
    return () => {
      socket.off("metrics:state", put);
      socket.off("connect", subscribe);
      if (socket.connected) for (const machine of names) socket.emit("metrics:unsubscribe", { machine });
      releaseSocket();
    };
  }, [key]);

  return states;
}
