import { authorizeRoute } from "@/lib/auth/current";
import { errorResponse } from "@/lib/http/json";
import { listJobs } from "@/lib/jobs";
import { listJobsQuery, parseQuery } from "@/lib/jobs/api-schemas";

/** Jobs, newest first: ?machine=&status=&kind=&before=<id>&limit=. */
export async function GET(req: Request) {
  const { denied } = await authorizeRoute("jobs:read", "jobs.read");
  if (denied) return denied;
  try {
    return Response.json({ jobs: await listJobs(parseQuery(req, listJobsQuery)) });
  } catch (err) {
    return errorResponse(err);
  }
}
