import { z } from "zod";
import { authorizeRoute } from "@/lib/auth/current";
import { listAudit } from "@/lib/db/audit";
import { errorResponse } from "@/lib/http/json";
import { ValidationError } from "@/lib/errors";

const query = z.object({
  action: z.string().regex(/^[a-z.]{1,60}$/).optional(),
  actor: z.string().max(100).optional(),
  outcome: z.enum(["ok", "denied", "failed"]).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** The audit log as JSON (admins), newest first, with the same filters as /audit. */
export async function GET(req: Request) {
  const { denied } = await authorizeRoute("audit:read", "audit.read");
  if (denied) return denied;
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return errorResponse(new ValidationError("Bad filter."));
  return Response.json({ events: await listAudit(parsed.data) });
}
