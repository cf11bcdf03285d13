// Preview of the last build: package changes against the running system and the units that
// activation would stop, restart, reload or start (from the dry run stored with the build job).
import type { PreviewJob } from "@/lib/machine/page-data";
import { UnrecognisedNote } from "@/components/ui/unrecognised-note";
import { formatBytes, formatTime } from "./format";

const GROUPS = [
  ["stop", "Would stop"],
  ["restart", "Would restart"],
  ["reload", "Would reload"],
  ["start", "Would start"],
  ["keep", "Changed but not stopped"],
] as const;

const versions = (v: string[] | null) => (v === null ? "" : v.length === 0 ? "∅" : v.map((x) => x || "ε").join(", "));

export function PreviewPanel({ job, runningPath }: { job: PreviewJob; runningPath: string | null }) {
  const p = job.preview;
  const stale = runningPath !== null && p.currentSystem !== null && runningPath !== p.currentSystem;
  const upToDate = runningPath !== null && runningPath === p.builtPath;
  const shown = p.closure?.changes.slice(0, 60) ?? [];
  return (
    <div data-testid="preview" data-job={job.id} className="grid grid-cols-[minmax(0,1fr)] gap-4 text-sm">
      <p className="text-(--color-muted)">
        From{" "}
        <a className="text-(--color-accent) underline-offset-2 hover:underline" href={`/jobs/${job.id}`}>
          build #{job.id}
        </a>
        , {formatTime(job.finishedAt)}: <span className="break-all font-mono text-xs">{p.builtPath}</span>
      </p>
      {upToDate && (
        <p data-testid="preview-current" className="text-(--color-up)">
          This build is the running system.
        </p>
      )}
      {stale && !upToDate && (
        <p className="text-(--color-slow)">The running system changed since this preview was made; build again for an exact preview.</p>
      )}
      <div>
        <h3 className="mb-1 font-medium">Units</h3>
        {p.activation ? (
          GROUPS.some(([k]) => p.activation![k].length) ? (
            <ul className="grid gap-1">
              {GROUPS.filter(([k]) => p.activation![k].length).map(([k, label]) => (
                <li key={k} data-testid={`activation-${k}`} className="flex flex-wrap items-baseline gap-2">
                  <span className="text-(--color-muted)">{label}:</span>
                  {p.activation![k].map((u) => (
                    <code key={u} className="rounded bg-(--color-bg) px-1.5 py-0.5 text-xs">
                      {u}
                    </code>
                  ))}
                </li>
              ))}
            </ul>
          ) : (
            <p data-testid="activation-none" className="text-(--color-muted)">
              Activation would not stop, restart or start any unit.
            </p>
          )
        ) : (
          <p className="text-(--color-slow)">No activation preview: {p.activationError}</p>
        )}
        <UnrecognisedNote unrecognised={p.activation?.unrecognised} source="the dry run's output" testId="activation-unrecognised" />
      </div>
      <div>
        <h3 className="mb-1 font-medium">Packages</h3>
        {p.closure ? (
          <>
            <p data-testid="closure-summary">
              {p.closure.added} added, {p.closure.removed} removed, {p.closure.changed} changed · size{" "}
              {formatBytes(p.closure.totalDeltaBytes)}
            </p>
            {shown.length > 0 && (
              <ul className="mt-2 grid gap-1">
                {shown.map((c) => (
                  <li
                    key={c.name}
                    className="flex flex-wrap items-baseline justify-between gap-x-3 border-b border-(--color-line) py-1 last:border-0"
                  >
                    <span className="min-w-0 break-all font-mono text-xs">{c.name}</span>
                    <span className="text-xs text-(--color-muted)">
                      {c.kind === "resized" ? "" : `${versions(c.from)} → ${versions(c.to)}`}{" "}
                      {c.sizeDeltaBytes ? formatBytes(c.sizeDeltaBytes) : ""}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {p.closure.changes.length > shown.length && (
              <p className="mt-1 text-(--color-muted)">…and {p.closure.changes.length - shown.length} more in the build log.</p>
            )}
          </>
        ) : (
          <p className="text-(--color-slow)">No package comparison: {p.closureError}</p>
        )}
        <UnrecognisedNote unrecognised={p.closure?.unrecognised} source="nix store diff-closures' output" testId="closure-unrecognised" />
      </div>
    </div>
  );
}
