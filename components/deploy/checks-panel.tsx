// The checks the panel ran after the last deploy or rollback: units active, HTTP endpoints up.
import type { ReactNode } from "react";
import type { ChecksJob } from "@/lib/machine/page-data";
import { formatTime } from "./format";

export function ChecksPanel({ job, rollback }: { job: ChecksJob; rollback: ReactNode }) {
  const c = job.checks;
  return (
    <div data-testid="checks" data-ok={c.ok} data-job={job.id} className="grid grid-cols-[minmax(0,1fr)] gap-3 text-sm">
      <p className={c.ok ? "text-(--color-up)" : "text-(--color-down)"}>
        <strong>{c.ok ? "Checks passed" : "Checks failed"}</strong> after {job.kind}{" "}
        <a className="underline-offset-2 hover:underline" href={`/jobs/${job.id}`}>
          #{job.id}
        </a>{" "}
        ({formatTime(c.at)}): {c.summary}
      </p>
      <ul className="grid grid-cols-[minmax(0,1fr)] gap-1 sm:grid-cols-2">
        {c.units.map((u) => (
          <li
            key={u.unit}
            data-testid="check-unit"
            data-unit={u.unit}
            data-ok={u.ok}
            className="flex items-center justify-between gap-2 rounded-lg border border-(--color-line) px-3 py-2"
          >
            <span className="min-w-0 truncate font-mono text-xs">{u.unit}</span>
            <span className={u.ok ? "text-(--color-up)" : "text-(--color-down)"}>{u.activeState}</span>
          </li>
        ))}
        {c.http.map((h) => (
          <li
            key={h.url}
            data-testid="check-http"
            data-ok={h.ok}
            className="flex items-center justify-between gap-2 rounded-lg border border-(--color-line) px-3 py-2"
          >
            <span className="min-w-0 truncate text-xs" title={h.url}>
              {h.service} (HTTP)
            </span>
            <span
              className={h.status === "skipped" ? "text-(--color-muted)" : h.ok ? "text-(--color-up)" : "text-(--color-down)"}
              title={h.detail}
            >
              {h.status}
            </span>
          </li>
        ))}
      </ul>
      {!c.ok && rollback && (
        <div data-testid="checks-rollback" className="flex flex-wrap items-center gap-3 rounded-lg border border-(--color-down)/40 p-3">
          <span>A check failed. Roll back to the previous generation?</span>
          {rollback}
        </div>
      )}
    </div>
  );
}
