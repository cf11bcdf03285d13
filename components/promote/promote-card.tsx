"use client";
// The production machine's promote card: the revision its test machine last proved (or why there
// is none), "Promote <commit> from <test machine>", another commit by hand, and for admins the
// override of a revision that did not pass (with a reason). The promote's live log opens under
// Actions; its outcome reaches the page by the machine's socket (router refresh). Viewers see no controls.
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { commitLabel } from "@/lib/git/checkout-state";
import type { PromoteView } from "@/lib/machine/promote";
import { visible } from "@/lib/text/visible";
import { promotedFromText } from "@/lib/wire/promote";
import { useMachineJobs } from "../deploy/machine-jobs";
import type { PromoteActionReply, PromoteInput } from "./types";

type Props = { view: PromoteView; canOverride: boolean; promote: (machine: string, input: PromoteInput) => Promise<PromoteActionReply> };

export function PromoteCard({ view, canOverride, promote }: Props) {
  const { machine, denied, changeBlocked, setOpenJob } = useMachineJobs();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [reply, setReply] = useState<PromoteActionReply | null>(null);
  const [commit, setCommit] = useState("");
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState("");
  const c = view.candidate;

  const send = async (input: PromoteInput) => {
    setPending(true);
    const r = await promote(machine, input).catch(() => ({ ok: false as const, message: "The panel did not answer.", overridable: false }));
    setPending(false);
    setConfirming(false);
    setReply(r);
    if (r.ok) setOpenJob(r.job);
  };

  return (
    <div className="grid gap-3 text-sm">
      <p className="text-(--color-muted)">
        Tested first on <Link href={`/machines/${encodeURIComponent(view.test)}`}>{view.test}</Link>: a promote deploys {machine} from
        exactly the commit and flake.lock that passed there.
      </p>
      {c ? (
        <p data-testid="promote-candidate" data-commit={c.commit ?? ""} data-job={c.id}>
          Candidate: <span className="font-mono">{visible(commitLabel({ hash: c.commit!, subject: c.commitSubject }))}</span>,{" "}
          <Link href={`/jobs/${c.id}`}>
            {view.test}&apos;s deploy #{c.id}
          </Link>{" "}
          succeeded and its checks passed.
        </p>
      ) : (
        <p role="status" data-testid="promote-refused" className="text-(--color-slow)">
          Nothing to promote: {view.reason}.
        </p>
      )}
      {view.last && (
        <p data-testid="promote-last" data-job={view.last.id} data-status={view.last.status}>
          Last promote: <Link href={`/jobs/${view.last.id}`}>#{view.last.id}</Link> ({view.last.status}),{" "}
          {promotedFromText(view.last.promote)}, commit <span className="font-mono">{view.last.promote.commit.slice(0, 7)}</span>.
        </p>
      )}
      {!denied && c && (
        <div className="flex flex-wrap items-center gap-2">
          {confirming ? (
            <>
              <span>
                Deploy {c.commit!.slice(0, 7)} to {machine} now?
              </span>
              <Button
                variant="primary"
                disabled={pending}
                onClick={() => send({ from: c.id, override: false, reason: "" })}
                data-testid="promote-confirm"
              >
                {pending ? "Starting…" : `Deploy ${c.commit!.slice(0, 7)} to ${machine}`}
              </Button>
              <Button onClick={() => setConfirming(false)}>Cancel</Button>
            </>
          ) : (
            <Button
              variant="primary"
              disabled={changeBlocked !== null}
              title={changeBlocked ?? undefined}
              onClick={() => setConfirming(true)}
              data-testid="promote-button"
            >
              Promote {c.commit!.slice(0, 7)} from {view.test}
            </Button>
          )}
        </div>
      )}
      {!denied && (
        <details className="rounded-lg border border-(--color-line) p-3">
          <summary className="cursor-pointer">Promote another commit…</summary>
          <form
            className="mt-3 grid gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              void send({ commit: commit.trim(), override, reason });
            }}
          >
            <label className="grid gap-1">
              <span className="font-medium">Commit (full hash)</span>
              <input
                className={inputClass}
                value={commit}
                onChange={(e) => setCommit(e.target.value)}
                autoCapitalize="none"
                spellCheck={false}
                data-testid="promote-commit"
              />
            </label>
            {canOverride && (
              <>
                <label className="flex min-h-11 items-center gap-2">
                  <input
                    type="checkbox"
                    checked={override}
                    onChange={(e) => setOverride(e.target.checked)}
                    data-testid="promote-override"
                  />
                  Override: promote although it did not pass on {view.test} (recorded in the audit log)
                </label>
                {override && (
                  <label className="grid gap-1">
                    <span className="font-medium">Reason (required)</span>
                    <input
                      className={inputClass}
                      value={reason}
                      onChange={(e) => setReason(e.target.value)}
                      required
                      data-testid="promote-reason"
                    />
                  </label>
                )}
              </>
            )}
            <div>
              <Button type="submit" disabled={pending || changeBlocked !== null} data-testid="promote-commit-submit">
                {pending ? "Starting…" : "Promote this commit"}
              </Button>
            </div>
          </form>
        </details>
      )}
      {reply && (
        <p role={reply.ok ? "status" : "alert"} data-testid="promote-message" className={reply.ok ? "" : "text-(--color-down)"}>
          {reply.ok ? reply.text : reply.message}
          {!reply.ok &&
            reply.overridable &&
            (canOverride ? " An admin override (with a reason) can promote it anyway." : " Only an admin can override this.")}
        </p>
      )}
    </div>
  );
}
