"use client";
// Cancels a queued or running job (POST /api/jobs/<id>/cancel); shows the server's refusal.
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function CancelButton({ jobId }: { jobId: number }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/jobs/${jobId}/cancel`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      if (!res.ok) setError(((await res.json()) as { error?: { message?: string } }).error?.message ?? `Failed (${res.status}).`);
    } catch {
      setError("The panel cannot be reached.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button variant="danger" onClick={cancel} disabled={busy}>
        {busy ? "Cancelling…" : "Cancel job"}
      </Button>
      {error && (
        <span role="alert" className="text-sm text-(--color-down)">
          {error}
        </span>
      )}
    </span>
  );
}
