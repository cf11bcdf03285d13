"use client";
// "Pull…": shows what a fast-forward takes (the incoming commits are listed above it) and asks
// before it runs; then the page's server parts render again. Only the newest incoming commit
// shown is pulled, never what the upstream has by then.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { PullReply } from "./types";

type Props = {
  machine: string;
  branch: string;
  head: string;
  target: { hash: string; short: string };
  count: number;
  pullAction: (machine: string, commit: string) => Promise<PullReply>;
  denied: string | null;
};

export function PullButton({ machine, branch, head, target, count, pullAction, denied }: Props) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const pull = () =>
    start(async () => {
      setError(null);
      const r = await pullAction(machine, target.hash);
      if (r.ok) {
        setAsking(false);
        router.refresh();
      } else setError(r.message);
    });
  if (denied) return null;
  return (
    <div className="grid gap-2">
      {!asking ? (
        <div>
          <Button type="button" onClick={() => setAsking(true)}>
            Pull…
          </Button>
        </div>
      ) : (
        <div role="group" aria-label="Confirm the pull" className="grid gap-2 rounded-lg border border-(--color-line) p-3 text-sm">
          <p>
            Fast-forward <span className="font-mono">{branch}</span> from <span className="font-mono">{head.slice(0, 7)}</span> to{" "}
            <span className="font-mono">{target.short}</span> ({count} commit{count === 1 ? "" : "s"} listed above)? Only a fast-forward: a
            branch that diverged, or uncommitted changes the pull would overwrite, refuse.
          </p>
          <div className="flex gap-2">
            <Button type="button" variant="primary" onClick={pull} disabled={pending}>
              {pending ? "Pulling…" : `Pull ${target.short}`}
            </Button>
            <Button type="button" onClick={() => setAsking(false)} disabled={pending}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-(--color-down)">
          {error}
        </p>
      )}
    </div>
  );
}
