"use client";
// What changes each machine of a fleet now, pushed (machine:subscribe per machine, re-sent after a
// reconnect): a queued child shows the job it waits for ("waiting for deploy #12 on frame2").
import { useEffect, useState } from "react";
import { acquirePanelSocket, listen, releaseSocket } from "@/components/log-viewer/socket";
import type { MachineBusy, ServerToClient } from "@/lib/live/events";

export function useFleetBusy(initial: Record<string, MachineBusy>): Record<string, MachineBusy> {
  const [busy, setBusy] = useState(initial);
  const key = Object.keys(initial).sort().join(",");
  useEffect(() => {
    const machines = key ? key.split(",") : [];
    const socket = acquirePanelSocket();
    const set = (machine: string, b: MachineBusy) => setBusy((prev) => ({ ...prev, [machine]: b }));
    const subscribe = () => {
      for (const machine of machines)
        socket.emit("machine:subscribe", { machine }, (res) => {
          if (res.ok) set(machine, res.busy);
        });
    };
    const onJobs: ServerToClient["machine:jobs"] = (p) => {
      if (machines.includes(p.machine)) set(p.machine, p.busy);
    };
    const unlisten = listen(socket, { connect: subscribe, "machine:jobs": onJobs });
    if (socket.connected) subscribe();
    return () => {
      unlisten();
      if (socket.connected) for (const machine of machines) socket.emit("machine:unsubscribe", { machine });
      releaseSocket();
    };
  }, [key]);
  return busy;
}
