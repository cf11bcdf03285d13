// Shapes the machine page's client islands receive (plain JSON, no server modules).

export type ActiveJob = { id: number; kind: string; status: string; position: number | null; requestedBy: string | null };
export type Busy = { running: { id: number; kind: string } | null; waiting: number[] };
export type StartResult = { ok: true; id: number; position: number | null } | { ok: false; message: string };

export const CHANGE_KINDS = ["deploy", "rollback"];
export const FINAL_STATUSES = ["succeeded", "failed", "cancelled", "interrupted", "rolled-back"];

export const OUTCOME_LABEL: Record<string, string> = {
  queued: "queued",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
  interrupted: "interrupted",
  "rolled-back": "rolled back",
};

export const OUTCOME_STYLE: Record<string, string> = {
  succeeded: "text-(--color-up) border-(--color-up)/40",
  "rolled-back": "text-(--color-slow) border-(--color-slow)/40",
  failed: "text-(--color-down) border-(--color-down)/40",
  interrupted: "text-(--color-down) border-(--color-down)/40",
  cancelled: "text-(--color-muted) border-(--color-line)",
  queued: "text-(--color-muted) border-(--color-line)",
  running: "text-(--color-accent) border-(--color-accent)/40",
};
