// Every system generation, newest first: number, date, the NixOS system it activates (version and
// store path, seen through deploy-rs's `activatable-*` wrapper), which is current and which runs,
// the panel job that made it (who, when, log, on which machine it was built) or else what the
// machine's store says (built by its own nix, or copied from another machine), and Roll back to it (confirmation first).
import type { GenerationRow } from "@/lib/machine/generation-jobs";
import { formatTime } from "./format";
import { RollbackButton } from "./rollback-button";
import { visible } from "@/lib/text/visible";
import { commitLabel } from "@/lib/git/checkout-state";

type Props = { rows: GenerationRow[]; host: string; commands: Record<number, string[]>; running: string | null };

const storeName = (p: string) => p.replace(/^\/nix\/store\/[0-9a-z]{32}-/, "");

export function GenerationsTimeline({ rows, host, commands, running }: Props) {
  if (rows.length === 0) return <p className="text-sm text-(--color-muted)">No generations listed.</p>;
  return (
    <ol data-testid="generations" className="relative grid grid-cols-[minmax(0,1fr)] gap-0 border-l-2 border-(--color-line) pl-4">
      {rows.map((g) => (
        <li
          key={g.number}
          data-testid="generation-row"
          data-number={g.number}
          data-current={g.current}
          className="relative flex flex-wrap items-center justify-between gap-3 py-2"
        >
          <span
            aria-hidden="true"
            className={`absolute -left-[1.42rem] size-3 rounded-full border-2 ${g.current ? "border-(--color-up) bg-(--color-up)" : "border-(--color-line) bg-(--color-panel)"}`}
          />
          <div className="min-w-0 text-sm">
            <p className="font-medium">
              Generation {g.number}
              {g.current && (
                <span className="ml-2 rounded-full border border-(--color-up)/40 px-2 py-0.5 text-xs text-(--color-up)">current</span>
              )}
              {g.facts?.toplevel && g.facts.toplevel === running && (
                <span data-testid="generation-running" className="ml-2 rounded-full border border-(--color-line) px-2 py-0.5 text-xs">
                  running
                </span>
              )}
              {g.facts?.wrapped && (
                <span
                  title={g.facts.target}
                  className="ml-2 rounded-full border border-(--color-line) px-2 py-0.5 text-xs text-(--color-muted)"
                >
                  deploy-rs
                </span>
              )}
            </p>
            {g.facts?.toplevel && (
              <p data-testid="generation-system" className="break-all font-mono text-xs text-(--color-muted)" title={g.facts.toplevel}>
                {storeName(g.facts.toplevel)}
              </p>
            )}
            <p className="text-xs text-(--color-muted)">
              {formatTime(g.date)}
              {g.facts?.version ? ` · NixOS ${g.facts.version}` : ""}
              {g.job ? (
                <>
                  {" · "}
                  {g.job.builtOn && <span data-testid="generation-built-on">built on {visible(g.job.builtOn)} (</span>}
                  <a className="text-(--color-accent) underline-offset-2 hover:underline" href={`/jobs/${g.job.id}`}>
                    deploy #{g.job.id}
                  </a>
                  {g.job.builtOn && ")"}
                  {g.job.requestedBy ? ` by ${visible(g.job.requestedBy)}` : ""}
                  {g.job.commit && (
                    <span data-testid="generation-commit" data-commit={g.job.commit}>
                      {" · from "}
                      {visible(commitLabel({ hash: g.job.commit, subject: g.job.commitSubject }))}
                      {g.job.dirty ? " plus uncommitted changes" : ""}
                    </span>
                  )}
                </>
              ) : (
                <>
                  {" · not deployed by the panel"}
                  {g.origin && g.origin !== "missing" && (
                    <span data-testid="generation-built-on">
                      {g.origin === "built-here" ? " · built on this machine" : " · copied from another machine"}
                    </span>
                  )}
                </>
              )}
            </p>
          </div>
          {!g.current && (
            <RollbackButton
              host={host}
              generation={g.number}
              commands={commands[g.number] ?? []}
              label={`Roll back to ${g.number}…`}
              compact
            />
          )}
        </li>
      ))}
    </ol>
  );
}
