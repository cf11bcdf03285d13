// Input of the jobs API, validated with zod at the edge (route handlers).
import { z } from "zod";
import { ValidationError } from "../errors";
import { MACHINE_NAME } from "../commands/patterns";
import { JOB_KINDS, JOB_STATUSES } from "../wire/job-kinds";

export const machineNameSchema = z.string().regex(MACHINE_NAME, "not a machine name");

export const startJobBody = z.strictObject({
  kind: z.enum(JOB_KINDS),
  args: z.record(z.string(), z.unknown()).optional(),
  /** Deploy/rollback only: wait behind a running change instead of being refused with 409. */
  queue: z.boolean().optional(),
});

export const listJobsQuery = z.strictObject({
  machine: machineNameSchema.optional(),
  status: z.enum(JOB_STATUSES).optional(),
  kind: z.enum(JOB_KINDS).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const logQuery = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const trustBody = z.strictObject({ fingerprint: z.string().min(1).max(100) });

export const cancelBody = z.strictObject({ reason: z.string().max(200).optional() }).optional();

/** Parses a route's [name] segment (a hostile name is a 400 naming the rule, never a 500). */
export function machineNameOf(raw: string): string {
  if (!machineNameSchema.safeParse(raw).success)
    throw new ValidationError("Not a machine name.", { name: "must be 1-63 lower-case letters, digits, '.', '_' or '-'" });
  return raw;
}

/** A job id in a URL segment: a positive integer written plainly (no sign, zeros, spaces or exponent). */
export const jobIdParam = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, "must be a positive integer")
  .transform(Number);

/** Parses a route's [id] segment: the job id, or a 400 (ValidationError) naming the rule. */
export function jobIdOf(raw: string): number {
  const parsed = jobIdParam.safeParse(raw);
  if (!parsed.success) throw new ValidationError("Not a job id.", { id: "must be a positive integer" });
  return parsed.data;
}

/** Parses a URL's query with a schema; ValidationError naming the fields. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) {
    throw new ValidationError("Bad query.", Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "query", i.message])));
  }
  return parsed.data;
}
