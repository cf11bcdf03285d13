"use client";
// Delete one installer image (its GC root and store path on the build host), after a confirmation.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export type DeleteIsoResult = { ok: true; message: string } | { ok: false; message: string };

export function DeleteIsoButton({
  jobId,
  fileName,
  remove,
}: {
  jobId: number;
  fileName: string;
  remove: (jobId: number) => Promise<DeleteIsoResult>;
}) {
  const router = useRouter();
  const [state, setState] = useState<"idle" | "confirm" | "pending">("idle");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function confirm() {
    setState("pending");
    const r = await remove(jobId);
    setMessage({ ok: r.ok, text: r.message });
    setState("idle");
    router.refresh();
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {state === "idle" && (
        <Button type="button" variant="danger" onClick={() => setState("confirm")} aria-label={`Delete ${fileName}`}>
          Delete
        </Button>
      )}
      {state !== "idle" && (
        <>
          <Button type="button" variant="danger" disabled={state === "pending"} onClick={() => void confirm()}>
            {state === "pending" ? "Deleting…" : "Delete image"}
          </Button>
          <Button type="button" disabled={state === "pending"} onClick={() => setState("idle")}>
            Keep
          </Button>
        </>
      )}
      {message && (
        <span role={message.ok ? "status" : "alert"} className={`text-xs ${message.ok ? "text-(--color-muted)" : "text-(--color-down)"}`}>
          {message.text}
        </span>
      )}
    </span>
  );
}
