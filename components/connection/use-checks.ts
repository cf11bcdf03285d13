"use client";
// Runs the checks one after another through the server action and keeps each row's state: the
// page shows progress as each answer comes back. Nothing repeats by itself (no polling).
import { useCallback, useRef, useState } from "react";
import type { CheckReply } from "@/lib/wire/check-reply";
import { CHECK_IDS, isBlocking, stepsAfter, type CheckId, type CheckResult } from "@/lib/wire/connection-check";

export type Row = { state: "waiting" } | { state: "running" } | { state: "not-run" } | { state: "done"; result: CheckResult };
export type RunCheck = (machine: string, check: CheckId) => Promise<CheckReply>;

const idle = (): Record<CheckId, Row> => Object.fromEntries(CHECK_IDS.map((id) => [id, { state: "waiting" }])) as Record<CheckId, Row>;

export function useChecks(machine: string, run: RunCheck) {
  const [rows, setRows] = useState<Record<CheckId, Row>>(idle);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [finished, setFinished] = useState(false);
  const busy = useRef(false);

  const start = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setRunning(true);
    setFinished(false);
    setError(null);
    setRows(idle());
    try {
      for (const id of CHECK_IDS) {
        setRows((r) => ({ ...r, [id]: { state: "running" } }));
        let reply: CheckReply;
        try {
          reply = await run(machine, id);
        } catch {
          reply = { error: "The panel did not answer. Is it running? Reload the page and check again." };
        }
        if (reply.error !== undefined) {
          setError(reply.error);
          setRows((r) => ({
            ...r,
            [id]: { state: "not-run" },
            ...Object.fromEntries(stepsAfter(id).map((s) => [s, { state: "not-run" }])),
          }));
          return;
        }
        const result = reply.result;
        setRows((r) => ({ ...r, [id]: { state: "done", result } }));
        if (result.status === "failed" && isBlocking(id)) {
          setRows((r) => ({ ...r, ...Object.fromEntries(stepsAfter(id).map((s) => [s, { state: "not-run" }])) }));
          return;
        }
      }
    } finally {
      busy.current = false;
      setRunning(false);
      setFinished(true);
    }
  }, [machine, run]);

  return { rows, running, error, finished, start };
}
