"use client";
// Validate, Build, Dry run (read-only: start at once), Deploy and Roll back (confirm first).
// Disabled with the reason shown when the user may not run jobs or another change runs.
import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmChange } from "./confirm-change";
import { useMachineJobs } from "./machine-jobs";

type Props = { host: string; deployCommand: string | null; deployUnavailable: string | null; rollback: ReactNode };

const READ_ONLY = [
  { kind: "validate", label: "Validate", hint: "Evaluate the configuration" },
  { kind: "build", label: "Build", hint: "Build the system and preview what changes" },
  { kind: "dry-run", label: "Dry run", hint: "deploy-rs --dry-activate" },
] as const;

export function JobActions({ host, deployCommand, deployUnavailable, rollback }: Props) {
  const { machine, denied, start } = useMachineJobs();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const id = useId();

  async function run(kind: string) {
    setPending(kind);
    setError(null);
    const r = await start(kind);
    setPending(null);
    if (!r.ok) setError(r.message);
  }

  return (
    <div data-testid="job-actions">
      <div className="grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-start">
        {READ_ONLY.map((a) => (
          <Button
            key={a.kind}
            type="button"
            title={a.hint}
            disabled={denied !== null || pending !== null}
            aria-describedby={denied ? `${id}-denied` : undefined}
            onClick={() => void run(a.kind)}
          >
            {pending === a.kind ? "Starting…" : a.label}
          </Button>
        ))}
        <ConfirmChange
          label="Deploy…"
          title={`Deploy ${machine}?`}
          summary={
            <>
              deploy-rs builds the configuration from the flake checkout, copies it to {machine} and activates it. If activation fails,
              deploy-rs rolls back by itself.
            </>
          }
          commands={deployCommand ? [deployCommand] : []}
          host={host}
          confirmLabel={`Deploy ${machine}`}
          kind="deploy"
          variant="primary"
          unavailable={deployUnavailable}
          className="col-span-2 sm:col-span-1"
        />
        {rollback}
      </div>
      {denied && (
        <p id={`${id}-denied`} className="mt-2 text-sm text-(--color-muted)">
          {denied}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-(--color-down)">
          {error}
        </p>
      )}
    </div>
  );
}
