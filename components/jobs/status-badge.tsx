// A job's status as a coloured pill (running pulses), the same on the job page, the machine page's
// job panel and its history; a queued job can show how many jobs are ahead of it.
import type { JobStatus } from "@/lib/wire/job-kinds";

export const STATUS_LABEL: Record<JobStatus, string> = {
  queued: "queued",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
  interrupted: "interrupted",
  "rolled-back": "rolled back",
};

const STYLE: Record<JobStatus, string> = {
  queued: "text-(--color-muted) border-(--color-line)",
  running: "text-(--color-accent) border-(--color-accent)/40",
  succeeded: "text-(--color-up) border-(--color-up)/40",
  failed: "text-(--color-down) border-(--color-down)/40",
  cancelled: "text-(--color-muted) border-(--color-line)",
  interrupted: "text-(--color-down) border-(--color-down)/40",
  "rolled-back": "text-(--color-slow) border-(--color-slow)/40",
};

type Props = {
  status: string;
  /** Jobs ahead of a queued one. */
  position?: number | null;
  testId?: string;
  /** Announce changes (the one badge of a page that follows a job live). */
  live?: boolean;
};

export function StatusBadge({ status, position, testId = "job-status", live = false }: Props) {
  const known = Object.hasOwn(STYLE, status) ? (status as JobStatus) : null;
  const queued = status === "queued" && position != null ? ` · ${position} ahead` : "";
  return (
    <span
      data-testid={testId}
      data-status={status}
      role={live ? "status" : undefined}
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium ${STYLE[known ?? "cancelled"]}`}
    >
      <span aria-hidden="true" className={`size-2 rounded-full bg-current ${status === "running" ? "animate-pulse" : ""}`} />
      {known ? STATUS_LABEL[known] : status}
      {queued}
    </span>
  );
}
