import { authorizeRoute } from "@/lib/auth/current";
import { listAudit } from "@/lib/db/audit";
import { errorResponse } from "@/lib/http/json";
import { ValidationError } from "@/lib/errors";
import { auditFilter } from "@/lib/validation/audit";

/**
 * The audit log as JSON (admins), newest first, with the same filters as /audit. A row may stand
 * for several refusals folded together: `count` says how many, `at`/`lastAt` the first and last.
 */
export async function GET(req: Request) {
  const { denied } = await authorizeRoute("audit:read", "audit.read");
  if (denied) return denied;
  const parsed = auditFilter.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return errorResponse(new ValidationError("Bad filter."));
  return Response.json({ events: await listAudit(parsed.data) });
}
