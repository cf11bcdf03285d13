// What jobs exist, what arguments each takes, and which of them change a machine.
import { z } from "zod";

export const JOB_KINDS = ["validate", "build", "dry-run", "deploy", "rollback", "generations"] as const;
/** Kinds the runner knows but the API never starts (the benchmark's fixed `seq`). */
export const INTERNAL_KINDS = ["bench-seq"] as const;
export type PublicJobKind = (typeof JOB_KINDS)[number];
export type JobKind = PublicJobKind | (typeof INTERNAL_KINDS)[number];

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "interrupted", "rolled-back"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const FINISHED: readonly JobStatus[] = ["succeeded", "failed", "cancelled", "interrupted", "rolled-back"];

const none = z.strictObject({});
export const jobArgsSchemas = {
  validate: none,
  build: none,
  "dry-run": none,
  deploy: none,
  rollback: z.strictObject({ generation: z.number().int().min(1).max(1_000_000) }),
  generations: none,
  "bench-seq": z.strictObject({ count: z.number().int().min(1).max(10_000_000), rate: z.number().int().min(1).max(1_000_000).optional() }),
} satisfies Record<JobKind, z.ZodType>;

export type JobArgs<K extends JobKind> = z.infer<(typeof jobArgsSchemas)[K]>;

/** Kinds that change the activated system: one at a time per machine, in order. */
const MUTATING: readonly JobKind[] = ["deploy", "rollback"];

export function isMutating(kind: JobKind): boolean {
  return MUTATING.includes(kind);
}

export function isJobKind(value: string): value is JobKind {
  return (JOB_KINDS as readonly string[]).includes(value) || (INTERNAL_KINDS as readonly string[]).includes(value);
}

export type TimeoutClass = "eval" | "build" | "deploy" | "query";

export const TIMEOUT_CLASS: Record<JobKind, TimeoutClass> = {
  validate: "eval",
  build: "build",
  "dry-run": "build",
  deploy: "deploy",
  rollback: "deploy",
  generations: "query",
  "bench-seq": "build",
};

/**
 * Where a kind's long commands (those whose process group the row records as remotePid) run: the
 * build host (builds, evaluations, deploy-rs) or the machine itself. Recovery kills there.
 */
export const REMOTE_AT: Record<JobKind, "builder" | "self"> = {
  validate: "builder",
  build: "builder",
  "dry-run": "builder",
  deploy: "builder",
  rollback: "self",
  generations: "self",
  "bench-seq": "self",
};

export function isFinished(status: string): boolean {
  return (FINISHED as readonly string[]).includes(status);
}
