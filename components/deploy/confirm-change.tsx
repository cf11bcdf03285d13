"use client";
// A change to a machine asks first, in a native <dialog>: what runs (the exact command lines the
// panel sends over SSH), on which machine. Escape and Cancel close it; nothing runs until Confirm.
import { useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useMachineJobs } from "./machine-jobs";

type Props = {
  label: ReactNode;
  title: string;
  /** Where the commands run (host name) and what they do, in words. */
  summary: ReactNode;
  commands: string[];
  host: string;
  confirmLabel: string;
  kind: string;
  args?: Record<string, unknown>;
  variant?: "primary" | "secondary" | "danger";
  /** Extra reason to keep the button disabled (e.g. no previous generation). */
  unavailable?: string | null;
  className?: string;
};

export function ConfirmChange({
  label,
  title,
  summary,
  commands,
  host,
  confirmLabel,
  kind,
  args,
  variant = "secondary",
  unavailable,
  className = "",
}: Props) {
  const { denied, changeBlocked, start } = useMachineJobs();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reason = denied ?? unavailable ?? changeBlocked;

  async function confirm() {
    setPending(true);
    setError(null);
    const r = await start(kind, args);
    setPending(false);
    if (r.ok) dialog.current?.close();
    else setError(r.message);
  }

  return (
    <span className={`inline-flex flex-col ${className}`}>
      <Button
        type="button"
        variant={variant}
        disabled={reason !== null}
        aria-describedby={reason ? `${id}-why` : undefined}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
        className="w-full"
      >
        {label}
      </Button>
      {reason && (
        <span id={`${id}-why`} data-testid="disabled-reason" className="mt-1 max-w-56 text-xs text-(--color-muted)">
          {reason}
        </span>
      )}
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        data-testid="confirm-dialog"
        className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-xl border border-(--color-line) bg-(--color-panel) p-0 text-(--color-ink) backdrop:bg-black/50"
      >
        <div className="grid grid-cols-[minmax(0,1fr)] gap-4 p-5">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {title}
          </h2>
          <div className="text-sm text-(--color-muted)">{summary}</div>
          <div>
            <p className="mb-1 text-sm">
              Runs on <strong data-testid="confirm-host">{host}</strong>:
            </p>
            <pre
              data-testid="confirm-command"
              className="max-h-48 overflow-auto whitespace-pre-wrap break-all rounded-lg bg-(--color-bg) p-3 font-mono text-xs"
            >
              {commands.join("\n")}
            </pre>
          </div>
          {error && (
            <p role="alert" className="text-sm text-(--color-down)">
              {error}
            </p>
          )}
          <div className="flex flex-wrap justify-end gap-3">
            <Button type="button" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </Button>
            <Button type="button" variant={variant === "danger" ? "danger" : "primary"} disabled={pending} onClick={() => void confirm()}>
              {pending ? "Starting…" : confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </span>
  );
}
