"use client";
// The fleet page's live part: the summary at the top ("2 succeeded, 1 rolled back", computed from
// the children's pushed statuses with the same function the server stores), cancel while any child
// waits, and a column per machine (stacked on a phone).
import { useCallback, useState } from "react";
import { Button } from "@/components/ui/button";
import type { MachineBusy, WireJob } from "@/lib/live/events";
import { fleetSummary, type WireFleet } from "@/lib/wire/fleet";
import { FleetColumn } from "./fleet-column";
import { useFleetBusy } from "./use-fleet-busy";

type Props = { fleet: WireFleet; busy: Record<string, MachineBusy>; canCancel: boolean };

export function FleetView({ fleet, busy: initialBusy, canCancel }: Props) {
  const [jobs, setJobs] = useState<Record<number, WireJob>>(() => Object.fromEntries(fleet.children.map((c) => [c.id, c])));
  const busy = useFleetBusy(initialBusy);
  const onJob = useCallback((job: WireJob) => setJobs((prev) => (prev[job.id] === job ? prev : { ...prev, [job.id]: job })), []);
  const children = fleet.children.map((c) => jobs[c.id] ?? c);
  const summary = fleetSummary(children);
  const queued = children.filter((c) => c.status === "queued").length;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-3" data-testid="fleet-summary" data-status={summary.status}>
        <p className="text-lg font-semibold" aria-live="polite">
          <span data-testid="fleet-summary-text">{summary.text}</span>
          {summary.status !== "running" && <span className="ml-2 text-sm font-normal text-(--color-muted)">(fleet {summary.status})</span>}
        </p>
        {summary.problems.length > 0 && (
          <p className="text-sm text-(--color-down)">
            Not deployed as asked: {summary.problems.join(", ")}. Each machine can be rolled back on its own from its page.
          </p>
        )}
        {canCancel && queued > 0 && <CancelFleet fleetId={fleet.id} queued={queued} />}
      </div>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3">
        {fleet.children.map((c) => (
          <FleetColumn key={c.id} initial={c} busy={busy[c.machine]} onJob={onJob} />
        ))}
      </div>
    </>
  );
}

function CancelFleet({ fleetId, queued }: { fleetId: number; queued: number }) {
  const [pending, setPending] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const cancel = async () => {
    setPending(true);
    setNote(null);
    const res = await fetch(`/api/fleet/${fleetId}/cancel`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { running?: number[]; error?: { message?: string } } | null;
    if (!res) setNote("The panel cannot be reached.");
    else if (!res.ok) setNote(body?.error?.message ?? `Failed (${res.status}).`);
    else if (body?.running?.length) setNote(`Deploys already running go on: ${body.running.map((id) => `#${id}`).join(", ")}.`);
    setPending(false);
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button variant="danger" onClick={() => void cancel()} disabled={pending}>
        {pending ? "Cancelling…" : `Cancel ${queued} waiting deploy${queued === 1 ? "" : "s"}`}
      </Button>
      {note && (
        <span role="status" className="text-sm text-(--color-muted)">
          {note}
        </span>
      )}
    </span>
  );
}
