// A job's status as a coloured pill (running pulses).
const STYLE: Record<string, string> = {
  queued: "text-(--color-muted) border-(--color-line)",
  running: "text-(--color-accent) border-(--color-accent)/50",
  succeeded: "text-(--color-up) border-(--color-up)/40",
  failed: "text-(--color-down) border-(--color-down)/40",
  cancelled: "text-(--color-slow) border-(--color-slow)/40",
  interrupted: "text-(--color-slow) border-(--color-slow)/40",
  "rolled-back": "text-(--color-slow) border-(--color-slow)/40",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      data-testid="job-status"
      data-status={status}
      role="status"
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium ${STYLE[status] ?? STYLE.queued}`}
    >
      <span aria-hidden="true" className={`size-2 rounded-full bg-current ${status === "running" ? "animate-pulse" : ""}`} />
      {status}
    </span>
  );
}
