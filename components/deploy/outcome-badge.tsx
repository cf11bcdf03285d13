import { OUTCOME_LABEL, OUTCOME_STYLE } from "./types";

export function OutcomeBadge({ status, position }: { status: string; position?: number | null }) {
  const queued = status === "queued" && position != null ? ` · ${position} ahead` : "";
  return (
    <span
      data-testid="outcome"
      data-status={status}
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium ${OUTCOME_STYLE[status] ?? OUTCOME_STYLE.cancelled}`}
    >
      <span aria-hidden="true" className={`size-2 rounded-full bg-current ${status === "running" ? "animate-pulse" : ""}`} />
      {OUTCOME_LABEL[status] ?? status}
      {queued}
    </span>
  );
}
