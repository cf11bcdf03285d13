"use client";
// The plan of a fleet deploy, asked of the server (POST /api/fleet/plan): each machine, who builds
// and deploys it, the exact command line, what it waits for, and refusals. Confirm once starts the
// fleet (POST /api/fleet) and opens its page. A native <dialog>: Escape and Cancel close it.
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { FleetPlan } from "@/lib/wire/fleet";

const post = async (url: string, body: unknown) => {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).catch(
    () => null,
  );
  if (!res) return { ok: false as const, message: "The panel cannot be reached." };
  const json = (await res.json().catch(() => ({}))) as { error?: { message?: string } } & Record<string, unknown>;
  return res.ok ? { ok: true as const, json } : { ok: false as const, message: json.error?.message ?? `Failed (${res.status}).` };
};

export function FleetPlanDialog({ machines, onClose }: { machines: string[]; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const router = useRouter();
  const [plan, setPlan] = useState<FleetPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
    let live = true;
    void post("/api/fleet/plan", { machines }).then((r) => {
      if (!live) return;
      if (r.ok) setPlan(r.json.plan as FleetPlan);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [machines]);

  async function confirm() {
    setPending(true);
    setError(null);
    const r = await post("/api/fleet", { machines });
    if (r.ok) router.push(`/fleet/${(r.json.fleet as { id: number }).id}`);
    else {
      setError(r.message);
      setPending(false);
    }
  }

  const n = machines.length;
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby={`${id}-title`}
      data-testid="fleet-plan"
      className="m-auto w-[min(56rem,calc(100vw-2rem))] rounded-xl border border-(--color-line) bg-(--color-panel) p-0 text-(--color-ink) backdrop:bg-black/50"
    >
      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 p-5">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          Deploy {n} machine{n === 1 ? "" : "s"}
        </h2>
        <p className="text-sm text-(--color-muted)">
          One deploy-rs run per machine, in parallel, each on its builder and in its machine&apos;s queue. A failure on one machine never
          cancels or undoes the others.
        </p>
        {!plan && !error && <p className="text-sm">Reading the plan…</p>}
        {plan && (
          <ul className="grid gap-3">
            {plan.machines.map((e) => (
              <li
                key={e.machine}
                data-testid="fleet-plan-machine"
                data-machine={e.machine}
                className="rounded-lg border border-(--color-line) p-3"
              >
                <p className="font-mono font-semibold">{e.machine}</p>
                {e.ok ? (
                  <>
                    <p className="text-sm text-(--color-muted)">
                      Built and deployed by <strong data-testid="fleet-plan-builder">{e.builder}</strong> ({e.builderAddress})
                      {e.waitingFor && (
                        <span data-testid="fleet-plan-waits">
                          ; waits for {e.waitingFor.kind} #{e.waitingFor.id} on {e.machine}
                        </span>
                      )}
                    </p>
                    <pre
                      data-testid="fleet-plan-command"
                      className="mt-1 overflow-auto rounded-lg bg-(--color-bg) p-2 font-mono text-xs break-all whitespace-pre-wrap"
                    >
                      {e.commandLine}
                    </pre>
                  </>
                ) : (
                  <p role="alert" data-testid="fleet-plan-refusal" className="text-sm text-(--color-down)">
                    Refused: {e.refusal}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
        {error && (
          <p role="alert" className="text-sm text-(--color-down)">
            {error}
          </p>
        )}
        <div className="flex flex-wrap justify-end gap-3">
          <Button type="button" onClick={() => dialog.current?.close()} autoFocus>
            Cancel
          </Button>
          <Button type="button" variant="primary" disabled={pending || !plan || plan.refused.length > 0} onClick={() => void confirm()}>
            {pending ? "Starting…" : `Deploy ${n} machine${n === 1 ? "" : "s"}`}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
