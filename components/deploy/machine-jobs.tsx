"use client";
// The machine page's shared job state: which change runs or waits on this machine (polled, so a
// deploy started elsewhere disables the buttons too), starting jobs, and the job whose log is open.
// When a job of this machine ends, the server-rendered parts (status, generations) are refreshed.
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { WireJob } from "@/lib/live/events";
import { CHANGE_KINDS, type ActiveJob, type Busy, type StartResult } from "./types";

type Ctx = {
  machine: string;
  canRun: boolean;
  /** Why the buttons are disabled for this user (no permission), else null. */
  denied: string | null;
  active: ActiveJob[];
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

function blockedBy(active: ActiveJob[], busy: Busy | null): string | null {
  const change = active.find((j) => CHANGE_KINDS.includes(j.kind) && j.status === "running");
  if (change) return `${change.kind} #${change.id} is running on this machine`;
  const waiting = active.filter((j) => CHANGE_KINDS.includes(j.kind) && j.status === "queued");
  if (waiting.length) return `${waiting.length} change${waiting.length === 1 ? "" : "s"} waiting for this machine`;
  if (busy?.running) return `${busy.running.kind} #${busy.running.id} is running on this machine`;
  return null;
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
  initialBusy: Busy;
  children: ReactNode;
}) {
  const router = useRouter();
  const [active, setActive] = useState<ActiveJob[]>([]);
  const [busy, setBusy] = useState<Busy | null>(initialBusy);
  const [openJob, setOpenJob] = useState<WireJob | null>(null);
  const known = useRef<string>("");

  const poll = useCallback(async () => {
    const res = await fetch(`/api/jobs?machine=${encodeURIComponent(machine)}&limit=30`, { cache: "no-store" }).catch(() => null);
    if (!res?.ok) return;
    const { jobs } = (await res.json()) as { jobs: ActiveJob[] };
    const now = jobs.filter((j) => j.status === "queued" || j.status === "running");
    setActive(now);
    setBusy(null); // the poll is the truth from now on
    const key = now.map((j) => `${j.id}:${j.status}`).join(",");
    if (known.current && key !== known.current) router.refresh();
    known.current = key || "idle";
  }, [machine, router]);

  useEffect(() => {
    void poll();
    const timer = setInterval(() => void poll(), 1500);
    return () => clearInterval(timer);
  }, [poll]);

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
      const j = body.job;
      setOpenJob({
        id: j.id,
        kind: j.kind,
        machine: j.machine,
        status: j.status,
        position: j.position,
        exitCode: j.exitCode,
        message: j.message,
        createdAt: j.createdAt,
        startedAt: j.startedAt,
        finishedAt: j.finishedAt,
      });
      void poll();
      return { ok: true, id: body.job.id, position: body.job.position };
    },
    [machine, poll],
  );

  const value = useMemo<Ctx>(
    () => ({ machine, canRun, denied, active, changeBlocked: blockedBy(active, busy), openJob, setOpenJob, start }),
    [machine, canRun, denied, active, busy, openJob, start],
  );
  return <MachineJobsContext.Provider value={value}>{children}</MachineJobsContext.Provider>;
}
