"use client";
// The machine page's shared job state: what changes this machine now (pushed over the page's
// socket: machine:jobs, so a deploy started anywhere disables the buttons at once), starting jobs,
// and the job whose log is open. When a job of this machine changes status, the server-rendered
// parts (status, history, generations, preview) are refreshed.
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { acquirePanelSocket, listen, releaseSocket } from "@/components/log-viewer/socket";
import type { MachineBusy, ServerToClient, WireJob } from "@/lib/live/events";
import type { StartResult } from "./types";

type Ctx = {
  machine: string;
  canRun: boolean;
  /** Why the buttons are disabled for this user (no permission), else null. */
  denied: string | null;
  /** Why a deploy/rollback cannot start now (another change runs or waits), else null. */
  changeBlocked: string | null;
  /** The job whose live log is open (as the POST answered; the log view follows it from there). */
  openJob: WireJob | null;
  setOpenJob: (job: WireJob | null) => void;
  start: (kind: string, args?: Record<string, unknown>) => Promise<StartResult>;
};

const MachineJobsContext = createContext<Ctx | null>(null);

export function useMachineJobs(): Ctx {
  const c = useContext(MachineJobsContext);
  if (!c) throw new Error("useMachineJobs outside MachineJobsProvider");
  return c;
}

function blockedBy(busy: MachineBusy): string | null {
  if (busy.running) return `${busy.running.kind} #${busy.running.id} is running on this machine`;
  const n = busy.waiting.length;
  return n ? `${n} change${n === 1 ? "" : "s"} waiting for this machine` : null;
}

/** What changes `machine` now: the page's first answer, then every change the server pushes. */
function useMachineBusy(machine: string, initial: MachineBusy): MachineBusy {
  const router = useRouter();
  const [busy, setBusy] = useState(initial);
  useEffect(() => {
    const socket = acquirePanelSocket();
    let subscribed = false;
    const subscribe = () =>
      socket.emit("machine:subscribe", { machine }, (res) => {
        if (!res.ok) return;
        setBusy(res.busy);
        if (subscribed) router.refresh(); // back after a disconnect: jobs may have changed meanwhile
        subscribed = true;
      });
    const onJobs: ServerToClient["machine:jobs"] = (p) => {
      if (p.machine !== machine) return;
      setBusy(p.busy);
      if (p.job) router.refresh();
    };
    const onCheckout: ServerToClient["machine:checkout"] = (p) => {
      if (p.machine === machine) router.refresh();
    };
    const unlisten = listen(socket, { connect: subscribe, "machine:jobs": onJobs, "machine:checkout": onCheckout });
    if (socket.connected) subscribe();
    return () => {
      unlisten();
      if (socket.connected) socket.emit("machine:unsubscribe", { machine });
      releaseSocket();
    };
  }, [machine, router]);
  return busy;
}

export function MachineJobsProvider({
  machine,
  canRun,
  denied,
  initialBusy,
  children,
}: {
  machine: string;
  canRun: boolean;
  denied: string | null;
  initialBusy: MachineBusy;
  children: ReactNode;
}) {
  const busy = useMachineBusy(machine, initialBusy);
  const [openJob, setOpenJob] = useState<WireJob | null>(null);

  const start = useCallback(
    async (kind: string, args: Record<string, unknown> = {}): Promise<StartResult> => {
      const res = await fetch(`/api/machines/${encodeURIComponent(machine)}/jobs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ kind, args }),
      }).catch(() => null);
      if (!res) return { ok: false, message: "The panel did not answer." };
      const body = (await res.json().catch(() => ({}))) as { job?: WireJob; error?: { message: string } };
      if (!res.ok || !body.job) return { ok: false, message: body.error?.message ?? `HTTP ${res.status}` };
      setOpenJob(body.job);
      return { ok: true, id: body.job.id, position: body.job.position };
    },
    [machine],
  );

  const value = useMemo<Ctx>(
    () => ({ machine, canRun, denied, changeBlocked: blockedBy(busy), openJob, setOpenJob, start }),
    [machine, canRun, denied, busy, openJob, start],
  );
  return <MachineJobsContext.Provider value={value}>{children}</MachineJobsContext.Provider>;
}
