import { audit } from "@/lib/auth/audit";
import { authorizeRoute } from "@/lib/auth/current";
import { errorResponse, parseJson } from "@/lib/http/json";
import { getJob, jobRunner } from "@/lib/jobs";
import { machineNameOf, startJobBody } from "@/lib/jobs/api-schemas";

type Ctx = { params: Promise<{ name: string }> };

/**
 * Starts a job on a machine: { kind, args, queue? } -> the job (status queued, position). A deploy
 * or rollback while another change to the machine runs or waits is refused (409) unless the
 * caller asks to queue behind it (queue: true): a second click must not deploy twice.
 */
export async function POST(req: Request, { params }: Ctx) {
  const { name } = await params;
  const { user, ctx, denied } = await authorizeRoute("jobs:run", "job.start", name);
  if (denied) return denied;
  let detail = "";
  try {
    const machine = machineNameOf(name);
    const body = await parseJson(req, startJobBody);
    detail = `${body.kind} ${JSON.stringify(body.args ?? {})}`;
    const { id } = await jobRunner().enqueue({
      machine,
      kind: body.kind,
      args: body.args ?? {},
      requestedById: user.id,
      exclusive: body.queue !== true,
    });
    await audit(user, ctx.address, "job.start", "ok", name, `job ${id}: ${detail}`);
    return Response.json({ job: await getJob(id) });
  } catch (err) {
    await audit(user, ctx.address, "job.start", "failed", name, `${detail} ${err instanceof Error ? err.message : ""}`.trim());
    return errorResponse(err);
  }
}
