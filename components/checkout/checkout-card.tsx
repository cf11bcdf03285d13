// The flake checkout on the build host: branch, HEAD (short hash, subject, author, date), its
// upstream with ahead/behind and the incoming commits, and uncommitted changes (file list).
// Server-rendered; "Fetch" is the one client part.
import type { ReactNode } from "react";
import type { CheckoutState, Commit } from "@/lib/git/checkout-state";
import { ConnectionProblem } from "../connection/connection-problem";
import { formatTime } from "../deploy/format";
import { visible } from "@/lib/text/visible";
import { UnrecognisedNote } from "../ui/unrecognised-note";

type Read =
  | { ok: true; state: CheckoutState; dir: string; host: string }
  | { ok: false; error: string; setup: boolean; dir: string | null; host: string | null };

function CommitLine({ c, testId }: { c: Commit; testId?: string }) {
  return (
    <span data-testid={testId} data-hash={c.hash}>
      <span className="font-mono" title={c.hash}>
        {c.short}
      </span>{" "}
      <span className="font-medium">{visible(c.subject)}</span>
      <span className="text-xs text-(--color-muted)">
        {" "}
        · {visible(c.author)} · {formatTime(c.date)}
      </span>
    </span>
  );
}

function upstreamText(s: CheckoutState): string {
  if (!s.upstream) return s.branch ? "no upstream branch" : "detached HEAD: no upstream";
  if (s.ahead === null || s.behind === null) return `${s.upstream} (gone: the upstream branch no longer exists)`;
  if (s.ahead === 0 && s.behind === 0) return `${s.upstream}, up to date (as of the last fetch)`;
  const parts = [s.ahead ? `${s.ahead} ahead` : "", s.behind ? `${s.behind} behind` : ""].filter(Boolean);
  return `${s.upstream}, ${parts.join(", ")}`;
}

type CardProps = {
  read: Read;
  machine: string;
  fetch: ReactNode;
  /** The pull control for the newest incoming commit (null: nothing to pull, or not allowed). */
  pull: (p: { branch: string; head: string; target: Commit; count: number }) => ReactNode;
};

export function CheckoutCard({ read, machine, fetch, pull }: CardProps) {
  if (!read.ok)
    return (
      <div className="grid gap-2">
        <ConnectionProblem what="Flake checkout unknown" error={read.error} setup={read.setup} machine={machine} />
      </div>
    );
  const s = read.state;
  return (
    <div data-testid="checkout" data-dirty={s.dirty} data-behind={s.behind ?? ""} data-ahead={s.ahead ?? ""} className="grid gap-3">
      <p className="text-sm text-(--color-muted)">
        <span className="font-mono">{read.dir}</span> on {read.host}
      </p>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        <dt className="text-(--color-muted)">Branch</dt>
        <dd data-testid="checkout-branch">{s.branch ? visible(s.branch) : "detached HEAD"}</dd>
        <dt className="text-(--color-muted)">Commit</dt>
        <dd className="break-words">{s.head ? <CommitLine c={s.head} testId="checkout-head" /> : "no commit yet"}</dd>
        <dt className="text-(--color-muted)">Upstream</dt>
        <dd data-testid="checkout-upstream">{upstreamText(s)}</dd>
        <dt className="text-(--color-muted)">Changes</dt>
        <dd data-testid="checkout-changes">
          {s.dirty ? (
            <>
              <span className="text-(--color-slow)">
                uncommitted changes in {s.changes.length} file{s.changes.length === 1 ? "" : "s"}: a build is not exactly the commit
              </span>
              <ul className="mt-1 grid gap-0.5 font-mono text-xs">
                {s.changes.map((c) => (
                  <li key={`${c.xy}:${c.path}`} data-testid="checkout-change">
                    <span className="text-(--color-muted)">{c.kind}</span> {visible(c.path)}
                    {c.from ? ` (from ${visible(c.from)})` : ""}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            "none (clean)"
          )}
          {s.untracked.length > 0 && (
            <p className="mt-1 text-xs text-(--color-muted)" data-testid="checkout-untracked">
              untracked, not part of the flake: {s.untracked.map((p) => visible(p)).join(", ")}
            </p>
          )}
        </dd>
      </dl>
      {s.incoming.length > 0 && (
        <div>
          <p className="text-sm font-medium">
            Incoming from {s.upstream} ({s.behind ?? s.incoming.length}
            {s.behind !== null && s.behind > s.incoming.length ? `, newest ${s.incoming.length} shown` : ""})
          </p>
          <ul className="mt-1 grid gap-1 text-sm" data-testid="incoming">
            {s.incoming.map((c) => (
              <li key={c.hash} data-testid="incoming-commit">
                <CommitLine c={c} />
              </li>
            ))}
          </ul>
          {s.branch && s.head && s.ahead === 0 && (
            <div className="mt-2">
              {pull({ branch: s.branch, head: s.head.hash, target: s.incoming[0], count: s.behind ?? s.incoming.length })}
            </div>
          )}
          {s.ahead !== null && s.ahead > 0 && (
            <p className="mt-1 text-xs text-(--color-muted)">
              The branch has {s.ahead} commit{s.ahead === 1 ? "" : "s"} the upstream lacks: it cannot be fast-forwarded; merge or rebase on
              the host.
            </p>
          )}
        </div>
      )}
      <UnrecognisedNote unrecognised={s.unrecognised} source="git's output" testId="checkout-unrecognised" />
      {fetch}
    </div>
  );
}
