// Payloads of the live socket events (lib/live/events.ts), checked on the server.
import { z } from "zod";
import { CommandInputError } from "../commands/errors";
import { grepText, journalPriority, journalTime } from "../commands/journal-filters";
import { MACHINE_NAME, UNIT } from "../commands/patterns";

const jobId = z
  .number()
  .int()
  .positive()
  .max(2 ** 31);
const machine = z.string().regex(MACHINE_NAME, "not a machine name");

export const jobSubscribeSchema = z.strictObject({ jobId, after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0) });
export const jobUnsubscribeSchema = z.strictObject({ jobId });
/** Payloads naming one machine (units:*, machine:*). */
export const machineSchema = z.strictObject({ machine });
/** metrics:range: one machine's chart over one of the fixed spans. */
export const metricsRangeSchema = z.strictObject({ machine, range: z.enum(["1h", "24h", "7d"]) });
export const journalUnsubscribeSchema = z.strictObject({ streamId: z.string().regex(/^j[0-9a-f]{16}$/, "not a stream id") });

/** Runs a lib/commands validator inside zod, so its rule becomes the field's message. */
function via<T>(check: (v: unknown) => T) {
  return (v: unknown, ctx: z.RefinementCtx) => {
    try {
      check(v);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: err instanceof CommandInputError ? err.rule : "invalid" });
    }
  };
}

/** A regular expression that compiles (checked here; journalctl applies it with PCRE2 --grep). */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export const journalFilterSchema = z
  .strictObject({
    machine,
    units: z.array(z.string().max(210).regex(UNIT, "not a systemd unit name like name.service")).min(1).max(10),
    priority: z
      .union([z.number(), z.string().max(10)])
      .superRefine(via((v) => journalPriority(v)))
      .optional(),
    since: z
      .string()
      .max(40)
      .superRefine(via((v) => journalTime(v, "since")))
      .optional(),
    until: z
      .string()
      .max(40)
      .superRefine(via((v) => journalTime(v, "until")))
      .optional(),
    grep: z
      .string()
      .max(200)
      .superRefine(via((v) => grepText(v)))
      .optional(),
    regex: z.boolean().optional(),
  })
  .refine((f) => !f.regex || (f.grep !== undefined && compiles(f.grep)), { message: "not a valid regular expression", path: ["grep"] });

export type JournalFilterInput = z.infer<typeof journalFilterSchema>;
