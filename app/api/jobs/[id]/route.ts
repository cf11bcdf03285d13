import { authorizeRoute } from "@/lib/auth/current";
import { errorResponse } from "@/lib/http/json";
import { getJob } from "@/lib/jobs";
import { jobIdOf } from "@/lib/jobs/api-schemas";

type Ctx = { params: Promise<{ id: string }> };

/** One job, with its queue position (jobs ahead of it on its machine; null unless queued). */
export async function GET(_req: Request, { params }: Ctx) {
  const { id } = await params;
  const { denied } = await authorizeRoute("jobs:read", "jobs.read", id);
  if (denied) return denied;
  try {
    return Response.json({ job: await getJob(jobIdOf(id)) });
  } catch (err) {
    return errorResponse(err);
  }
}
