import { audit } from "@/lib/auth/audit";
import { authorizeRoute } from "@/lib/auth/current";
import { errorResponse, parseJson } from "@/lib/http/json";
import { getJob, jobRunner } from "@/lib/jobs";
import { cancelBody, jobIdOf } from "@/lib/jobs/api-schemas";

type Ctx = { params: Promise<{ id: string }> };

/** Cancels a queued job, or stops a running one that may be stopped (a running deploy or rollback: 409). */
export async function POST(req: Request, { params }: Ctx) {
  const { id: raw } = await params;
  const { user, ctx, denied } = await authorizeRoute("jobs:run", "job.cancel", raw);
  if (denied) return denied;
  try {
    const id = jobIdOf(raw);
    const body = await parseJson(req, cancelBody);
    const reason = `Cancelled by ${user.name}${body?.reason ? `: ${body.reason}` : "."}`;
    const outcome = await jobRunner().cancel(id, reason);
    await audit(user, ctx.address, "job.cancel", "ok", raw, `${outcome}: ${reason}`);
    // Idempotent: cancelling a job that already ended answers with its state and outcome "already-ended".
    return Response.json({ outcome, job: await getJob(id) });
  } catch (err) {
    await audit(user, ctx.address, "job.cancel", "failed", raw, err instanceof Error ? err.message : "");
    return errorResponse(err);
  }
}
