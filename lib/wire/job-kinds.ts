// The words of jobs, said once for the server and the browser: which kinds exist, which of them
// change a machine, which statuses a job goes through and which of those are final.

export const JOB_KINDS = ["validate", "build", "dry-run", "deploy", "rollback", "generations", "flake-update", "iso-build"] as const;
/** Kinds the runner knows but the API never starts (the benchmark's fixed `seq`). */
export const INTERNAL_KINDS = ["bench-seq"] as const;
export type PublicJobKind = (typeof JOB_KINDS)[number];
export type JobKind = PublicJobKind | (typeof INTERNAL_KINDS)[number];

/** Kinds that change the activated system: one at a time per machine, in order. */
export const CHANGE_KINDS = ["deploy", "rollback"] as const satisfies readonly JobKind[];

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "interrupted", "rolled-back"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
/** Statuses a job never leaves. */
export const FINISHED_STATUSES = ["succeeded", "failed", "cancelled", "interrupted", "rolled-back"] as const satisfies readonly JobStatus[];
export type FinishedStatus = (typeof FINISHED_STATUSES)[number];
/** How a change that ran to its end ended (cancelled and interrupted ones did not get that far). */
export const CHANGE_OUTCOMES = ["succeeded", "failed", "rolled-back"] as const satisfies readonly JobStatus[];
export type ChangeOutcome = (typeof CHANGE_OUTCOMES)[number];

export function isJobKind(value: string): value is JobKind {
  return (JOB_KINDS as readonly string[]).includes(value) || (INTERNAL_KINDS as readonly string[]).includes(value);
}

/** Whether a job of this kind changes the machine (deploy, rollback). */
export function isChange(kind: string): boolean {
  return (CHANGE_KINDS as readonly string[]).includes(kind);
}

export function isFinished(status: string): boolean {
  return (FINISHED_STATUSES as readonly string[]).includes(status);
}
