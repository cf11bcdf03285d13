// Filters of the audit log (the /audit page and GET /api/audit), one schema for both.
import { z } from "zod";

export const AUDIT_SCOPES = ["users", "anonymous"] as const;

export const auditFilter = z.object({
  scope: z.enum(AUDIT_SCOPES).optional(),
  action: z
    .string()
    .regex(/^[a-z.]{1,60}$/)
    .optional(),
  actor: z.string().max(100).optional(),
  outcome: z.enum(["ok", "denied", "failed"]).optional(),
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type AuditFilterInput = z.infer<typeof auditFilter>;
