"use client";
// One check: its state (waiting, running, green, red, skipped, not run), what was found, and for a
// failure the fix, the NixOS lines to add, and (host key) the fingerprint with "Trust this key".
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/copy-button";
import type { CheckId } from "@/lib/wire/connection-check";
import type { Row } from "./use-checks";

const BADGE: Record<string, { text: string; style: string }> = {
  waiting: { text: "waiting", style: "text-(--color-muted) border-(--color-line)" },
  running: { text: "checking…", style: "text-(--color-accent) border-(--color-accent)/40" },
  "not-run": { text: "not run", style: "text-(--color-muted) border-(--color-line)" },
  ok: { text: "ok", style: "text-(--color-up) border-(--color-up)/40" },
  failed: { text: "failed", style: "text-(--color-down) border-(--color-down)/40" },
  skipped: { text: "not needed", style: "text-(--color-muted) border-(--color-line)" },
};

type Props = { id: CheckId; title: string; row: Row; canTrust: boolean; trust: (fingerprint: string) => Promise<string> };

export function CheckRow({ id, title, row, canTrust, trust }: Props) {
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState("");
  const state = row.state === "done" ? row.result.status : row.state;
  const badge = BADGE[state];
  const result = row.state === "done" ? row.result : null;
  return (
    <li
      data-testid={`check-${id}`}
      data-state={state}
      className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-2 rounded-lg border border-(--color-line) p-3"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium ${badge.style}`}>
          <span aria-hidden="true" className="size-2 rounded-full bg-current" />
          {badge.text}
        </span>
        <span className="font-medium">{title}</span>
      </div>
      {result && (
        <p className="text-sm [overflow-wrap:anywhere] text-(--color-muted)" data-testid={`check-${id}-detail`}>
          {result.detail}
        </p>
      )}
      {result?.fix && (
        <p className="text-sm [overflow-wrap:anywhere]" data-testid={`check-${id}-fix`}>
          <span className="font-medium">What to do: </span>
          {result.fix}
        </p>
      )}
      {result?.snippet && <CodeBlock text={result.snippet} testId={`check-${id}-snippet`} label="Copy the lines" />}
      {result?.presentedFingerprint &&
        (canTrust ? (
          <div className="grid gap-2">
            <p className="text-sm">
              Fingerprint presented:{" "}
              <code data-testid="presented-fingerprint" className="break-all">
                {result.presentedFingerprint}
              </code>
            </p>
            {message && (
              <p role="alert" className="text-sm text-(--color-down)">
                {message}
              </p>
            )}
            <div>
              <Button
                type="button"
                variant={state === "failed" && result.detail.startsWith("host key changed") ? "danger" : "primary"}
                disabled={pending}
                data-testid="trust-presented-key"
                onClick={async () => {
                  setPending(true);
                  setMessage(await trust(result.presentedFingerprint!));
                  setPending(false);
                }}
              >
                {pending ? "Trusting…" : "I compared it: trust this key"}
              </Button>
            </div>
          </div>
        ) : (
          <p className="text-sm text-(--color-muted)">Only an admin can trust a host key ({result.presentedFingerprint}).</p>
        ))}
    </li>
  );
}
