"use client";
// "Update inputs" on the checkout card: starts the flake-update job (all inputs, or the ones
// named), whose live log opens under Actions; then shows the newest preview (lock difference per
// input, package difference) and lets an operator accept it (commit flake.lock with a message,
// optionally push, then deploy) or cancel it. Viewers see the results only.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { InputUpdateJob } from "@/lib/machine/page-data";
import { formatTime } from "../deploy/format";
import { useMachineJobs } from "../deploy/machine-jobs";
import { LockChanges, PackageChanges } from "./lock-changes";
import type { DecisionReply } from "./types";

type Props = {
  job: InputUpdateJob | null;
  /** The check schedule (shown to all; changed by admins: `set` is null for others). */
  schedule: ReactNode;
  accept: (job: number, message: string, push: boolean) => Promise<DecisionReply>;
  cancel: (job: number) => Promise<DecisionReply>;
};

const INPUT = /^[A-Za-z_][A-Za-z0-9_'-]*(\/[A-Za-z_][A-Za-z0-9_'-]*){0,2}$/;

function StartUpdate() {
  const { denied, start } = useMachineJobs();
  const [names, setNames] = useState("");
  const [note, setNote] = useState<{ ok: boolean; text: string; id?: number } | null>(null);
  const [pending, setPending] = useState(false);
  if (denied) return null;
  const run = async () => {
    const inputs = names.split(/[\s,]+/).filter(Boolean);
    const bad = inputs.find((i) => !INPUT.test(i));
    if (bad) return setNote({ ok: false, text: `"${bad}" is not an input name.` });
    setPending(true);
    const r = await start("flake-update", inputs.length ? { inputs } : {});
    setPending(false);
    setNote(
      r.ok
        ? { ok: true, text: `Update inputs #${r.id} started; its live log is open under Actions.`, id: r.id }
        : { ok: false, text: r.message },
    );
  };
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <label className="grid min-w-48 flex-1 gap-1 text-sm">
          <span className="font-medium">Inputs to update</span>
          <input
            className={inputClass}
            value={names}
            onChange={(e) => setNames(e.target.value)}
            placeholder="all (or e.g. nixpkgs home-manager)"
            data-testid="update-inputs-names"
          />
        </label>
        <Button
          type="button"
          onClick={() => void run()}
          disabled={pending}
          title="nix flake update in a scratch copy, then build and compare"
        >
          {pending ? "Starting…" : "Update inputs"}
        </Button>
      </div>
      {note && (
        <p role="status" data-testid="update-inputs-note" className={`text-sm ${note.ok ? "text-(--color-muted)" : "text-(--color-down)"}`}>
          {note.text}{" "}
          {note.id && (
            <Link prefetch={false} href={`/jobs/${note.id}`} className="text-(--color-accent) underline">
              Full log
            </Link>
          )}
        </p>
      )}
    </div>
  );
}

function Decide({ job, accept, cancel }: { job: InputUpdateJob; accept: Props["accept"]; cancel: Props["cancel"] }) {
  const router = useRouter();
  const { denied } = useMachineJobs();
  const r = job.result!;
  const [message, setMessage] = useState(`flake.lock: update ${r.inputs.length ? r.inputs.join(", ") : "inputs"}`);
  const [push, setPush] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (denied) return <p className="text-sm text-(--color-muted)">An operator or admin can deploy this update or cancel it.</p>;
  const act = (f: () => Promise<DecisionReply>) =>
    startTransition(async () => {
      setError(null);
      const reply = await f();
      if (reply.ok) router.refresh();
      else setError(reply.message);
    });
  return (
    <div role="group" aria-label="Deploy or cancel the update" className="grid gap-2 rounded-lg border border-(--color-line) p-3 text-sm">
      <label className="grid gap-1">
        <span className="font-medium">Commit message for flake.lock</span>
        <input
          className={inputClass}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          maxLength={500}
          data-testid="update-message"
        />
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={push} onChange={(e) => setPush(e.target.checked)} /> push the commit to the upstream
      </label>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="primary" disabled={pending} onClick={() => act(() => accept(job.id, message, push))}>
          {pending ? "Working…" : "Commit flake.lock and deploy"}
        </Button>
        <Button type="button" disabled={pending} onClick={() => act(() => cancel(job.id))}>
          Cancel update
        </Button>
      </div>
      <p className="text-xs text-(--color-muted)">Until then the checkout is untouched; cancel removes the scratch copy.</p>
      {error && (
        <p role="alert" className="text-(--color-down)">
          {error}
        </p>
      )}
    </div>
  );
}

export function InputUpdate({ job, schedule, accept, cancel }: Props) {
  const r = job?.result ?? null;
  const d = r?.decision ?? null;
  return (
    <div className="grid gap-3 border-t border-(--color-line) pt-3" data-testid="input-update" data-job={job?.id ?? ""}>
      <h3 className="font-medium">Flake inputs</h3>
      <StartUpdate />
      {schedule}
      {job && (
        <p className="text-sm text-(--color-muted)">
          <Link prefetch={false} href={`/jobs/${job.id}`} className="text-(--color-accent) underline">
            Update inputs #{job.id}
          </Link>
          , {formatTime(job.finishedAt)}
          {job.requestedBy ? ` by ${job.requestedBy}` : ""}: <span data-testid="input-update-message">{job.message}</span>
        </p>
      )}
      {job && r && r.updated === 0 && job.status === "succeeded" && <p data-testid="inputs-up-to-date">All inputs are up to date.</p>}
      {r && r.updated > 0 && (
        <>
          <LockChanges changes={r.changes} />
          {r.checkOnly ? (
            <p className="text-sm text-(--color-muted)">A scheduled check: nothing was built. Update inputs to build and preview it.</p>
          ) : (
            job?.status === "succeeded" && <PackageChanges closure={r.closure} error={r.closureError} />
          )}
          {d ? (
            <p data-testid="input-update-decision" data-kind={d.kind} className="text-sm">
              {d.kind === "accepted"
                ? `Accepted by ${d.by}: flake.lock committed as ${d.commit?.slice(0, 7) ?? "?"}${d.deployJob ? `, deploy #${d.deployJob} started` : ""}.`
                : `Cancelled by ${d.by}; the checkout was not touched.`}
              {d.note && <span className="text-(--color-slow)"> {d.note}</span>}
            </p>
          ) : (
            job?.status === "succeeded" && r.scratch && <Decide job={job} accept={accept} cancel={cancel} />
          )}
        </>
      )}
    </div>
  );
}
