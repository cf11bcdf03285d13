// What arguments each kind of job takes, its time-out class and where its long commands run (the
// kinds and statuses themselves: lib/wire/job-kinds.ts).
import { z } from "zod";
import { INPUT_PATH, MAX_INPUTS } from "../commands/flake-update-commands";
import type { JobKind } from "../wire/job-kinds";

const none = z.strictObject({});
export const jobArgsSchemas = {
  validate: none,
  build: none,
  "dry-run": none,
  deploy: none,
  rollback: z.strictObject({ generation: z.number().int().min(1).max(1_000_000) }),
  generations: none,
  /** Inputs to update (none: all of them); `check`: only the lock difference (no build, nothing kept). */
  "flake-update": z.strictObject({
    inputs: z.array(z.string().regex(INPUT_PATH)).max(MAX_INPUTS).optional(),
    check: z.boolean().optional(),
  }),
  /** The installer image of the machine's attribute (isoImage), on its build host. */
  "iso-build": none,
  "bench-seq": z.strictObject({ count: z.number().int().min(1).max(10_000_000), rate: z.number().int().min(1).max(1_000_000).optional() }),
} satisfies Record<JobKind, z.ZodType>;

export type JobArgs<K extends JobKind> = z.infer<(typeof jobArgsSchemas)[K]>;

export type TimeoutClass = "eval" | "build" | "deploy" | "query";

export const TIMEOUT_CLASS: Record<JobKind, TimeoutClass> = {
  validate: "eval",
  build: "build",
  "dry-run": "build",
  deploy: "deploy",
  rollback: "deploy",
  generations: "query",
  "flake-update": "build",
  "iso-build": "build",
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
  "flake-update": "builder",
  "iso-build": "builder",
  "bench-seq": "self",
};

/**
 * Kinds that never touch the machine itself, only its build host: a machine without SSH of its own
 * (an installer image) runs them when it names a build host (lib/jobs/machine-targets.ts).
 */
export const BUILDER_ONLY_KINDS: readonly JobKind[] = ["iso-build"];
