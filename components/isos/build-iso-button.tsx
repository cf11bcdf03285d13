"use client";
// "Build ISO" on an installer image's machine page: starts an iso-build job on its build host; the
// job panel below shows its live progress and log. Disabled, with the reason, for viewers.
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { useMachineJobs } from "@/components/deploy/machine-jobs";

export function BuildIsoButton({ builder }: { builder: string | null }) {
  const { denied, start } = useMachineJobs();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = useId();
  const unavailable = builder ? null : "Set a build host for this machine in the inventory to build its image.";

  async function run() {
    setPending(true);
    setError(null);
    const r = await start("iso-build");
    setPending(false);
    if (!r.ok) setError(r.message);
  }

  return (
    <div data-testid="iso-actions">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="button"
          variant="primary"
          className="max-sm:w-full"
          title="nix build …config.system.build.isoImage on the build host"
          disabled={denied !== null || unavailable !== null || pending}
          aria-describedby={denied || unavailable ? `${id}-why` : undefined}
          onClick={() => void run()}
        >
          {pending ? "Starting…" : "Build ISO"}
        </Button>
        {builder && <span className="text-sm text-(--color-muted)">built on {builder}</span>}
      </div>
      {(denied || unavailable) && (
        <p id={`${id}-why`} className="mt-2 text-sm text-(--color-muted)">
          {denied ?? unavailable}
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
