// All jobs of the machine, newest first, filterable by kind and outcome (a GET form: the filter
// is in the URL, so it can be shared and works without JavaScript).
import { JOB_KINDS, JOB_STATUSES } from "@/lib/wire/job-kinds";
import type { JobView } from "@/lib/jobs";
import type { HistoryQuery } from "@/lib/machine/history-query";
import { Button } from "@/components/ui/button";
import { duration, formatTime } from "./format";
import { StatusBadge, STATUS_LABEL } from "@/components/jobs/status-badge";
import { visible } from "@/lib/text/visible";
import { commitLabel } from "@/lib/git/checkout-state";
import { promoteOf, promotedFromText } from "@/lib/wire/promote";

const select = "h-11 rounded-lg border border-(--color-line) bg-(--color-panel) px-3 text-sm";

export function HistoryList({ jobs, query, base }: { jobs: JobView[]; query: HistoryQuery; base: string }) {
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-3">
      <form method="get" action={`${base}#history`} className="flex flex-wrap items-end gap-3" aria-label="Filter the history">
        <label className="grid gap-1 text-xs text-(--color-muted)">
          Kind
          <select name="kind" defaultValue={query.kind ?? ""} className={select}>
            <option value="">all</option>
            {JOB_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-xs text-(--color-muted)">
          Outcome
          <select name="outcome" defaultValue={query.outcome ?? ""} className={select}>
            <option value="">all</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit">Filter</Button>
        {(query.kind || query.outcome) && (
          <a href={`${base}#history`} className="inline-flex h-11 items-center px-2 text-sm text-(--color-accent)">
            Clear
          </a>
        )}
      </form>
      {jobs.length === 0 ? (
        <p className="text-sm text-(--color-muted)">
          {query.kind || query.outcome ? "No job matches this filter." : "No jobs yet for this machine."}
        </p>
      ) : (
        <ul className="grid grid-cols-[minmax(0,1fr)]">
          {jobs.map((j) => (
            <li
              key={j.id}
              data-testid="history-row"
              data-job={j.id}
              data-kind={j.kind}
              data-status={j.status}
              className="border-b border-(--color-line) last:border-0"
            >
              <a href={`/jobs/${j.id}`} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2 hover:bg-(--color-bg)">
                <span className="flex min-w-0 items-center gap-2">
                  <span className="font-medium">{j.kind}</span>
                  <span className="text-xs text-(--color-muted)">#{j.id}</span>
                  <StatusBadge status={j.status} position={j.position} testId="outcome" />
                </span>
                <span className="text-xs text-(--color-muted)">
                  {formatTime(j.createdAt)}
                  {j.requestedBy ? ` · ${visible(j.requestedBy)}` : ""}
                  {j.finishedAt ? ` · ${duration(j.startedAt, j.finishedAt)}` : ""}
                </span>
                {j.commit && (
                  <span data-testid="history-commit" data-commit={j.commit} data-dirty={j.dirty ?? ""} className="w-full truncate text-xs">
                    <span className="text-(--color-muted)">from </span>
                    {visible(commitLabel({ hash: j.commit, subject: j.commitSubject }))}
                    {j.dirty ? <span className="text-(--color-slow)"> plus uncommitted changes</span> : ""}
                    {j.lockHash ? (
                      <span className="text-(--color-muted)" data-testid="history-lock" data-lock={j.lockHash}>
                        {" "}
                        · flake.lock {j.lockHash.slice(0, 12)}
                      </span>
                    ) : null}
                  </span>
                )}
                {promoteText(j) && (
                  <span data-testid="history-promoted" className="w-full truncate text-xs">
                    {promoteText(j)}
                  </span>
                )}
                {j.message && <span className="w-full truncate text-xs text-(--color-muted)">{j.message}</span>}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function promoteText(j: JobView): string | null {
  const p = j.kind === "deploy" ? promoteOf(j.args) : null;
  return p ? promotedFromText(p) : null;
}
