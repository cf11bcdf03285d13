// Progress of a nix build (internal-json log): derivations built of expected, the one building now.
import type { BuildProgress } from "@/lib/nix/build-progress";
import { UnrecognisedNote } from "@/components/ui/unrecognised-note";

export function BuildProgressBar({ progress, running }: { progress: BuildProgress; running: boolean }) {
  const { done, expected, failed } = progress.builds;
  const pct = expected > 0 ? Math.round((done / expected) * 100) : running ? 0 : 100;
  return (
    <section
      data-testid="build-progress"
      data-done={done}
      data-expected={expected}
      aria-label="Build progress"
      className="mb-3 rounded-xl border border-(--color-line) bg-(--color-panel) p-3"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p>
          <span className="font-semibold tabular-nums">
            {done} / {expected}
          </span>{" "}
          derivations built
          {failed > 0 && <span className="ml-2 text-(--color-down)">{failed} failed</span>}
          {progress.copies.expected > 0 && (
            <span className="ml-2 text-(--color-muted)">
              · {progress.copies.done} / {progress.copies.expected} paths copied
            </span>
          )}
        </p>
        <p className="min-w-0 truncate font-mono text-xs text-(--color-muted)" data-testid="build-current">
          {progress.current
            ? `building ${progress.current}${progress.running.at(-1)?.phase ? ` (${progress.running.at(-1)?.phase})` : ""}`
            : running
              ? "evaluating…"
              : ""}
        </p>
      </div>
      <div
        className="mt-2 h-2 overflow-hidden rounded-full bg-(--color-line)"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="h-full rounded-full bg-(--color-accent) transition-[width]" style={{ width: `${pct}%` }} />
      </div>
      <UnrecognisedNote unrecognised={progress.unrecognised} source="nix's log" testId="build-log-unrecognised" />
    </section>
  );
}
