import { authorizeRoute } from "@/lib/auth/current";
import { errorResponse } from "@/lib/http/json";
import { jobLog } from "@/lib/jobs";
import { jobIdOf, logQuery, parseQuery } from "@/lib/jobs/api-schemas";

type Ctx = { params: Promise<{ id: string }> };

/** Log lines with seq > after, oldest first (at most limit); pass `next` as after to continue. */
export async function GET(req: Request, { params }: Ctx) {
  const { id } = await params;
  const { denied } = await authorizeRoute("jobs:read", "jobs.read", id);
  if (denied) return denied;
  try {
    const q = parseQuery(req, logQuery);
    return Response.json(await jobLog(jobIdOf(id), q.after, q.limit));
  } catch (err) {
    return errorResponse(err);
  }
}
