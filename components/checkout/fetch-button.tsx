"use client";
// "Fetch": git fetch of the checkout's upstream on the build host, then the page's server parts
// are rendered again (ahead/behind, incoming commits, drift). One request, no polling.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { FetchReply } from "./types";

type Props = { machine: string; fetchAction: (machine: string) => Promise<FetchReply>; denied: string | null };

export function FetchButton({ machine, fetchAction, denied }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const onClick = () =>
    start(async () => {
      setNote(null);
      const r = await fetchAction(machine);
      if (r.ok) {
        setNote({ ok: true, text: r.behind === null ? "Fetched." : `Fetched: ${r.behind} behind, ${r.ahead ?? 0} ahead.` });
        router.refresh();
      } else setNote({ ok: false, text: r.message });
    });
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" onClick={onClick} disabled={pending || denied !== null} title={denied ?? "git fetch of the upstream"}>
        {pending ? "Fetching…" : "Fetch"}
      </Button>
      {denied && <span className="text-xs text-(--color-muted)">{denied}</span>}
      {note && (
        <span role="status" data-testid="fetch-note" className={`text-sm ${note.ok ? "text-(--color-muted)" : "text-(--color-down)"}`}>
          {note.text}
        </span>
      )}
    </div>
  );
}
