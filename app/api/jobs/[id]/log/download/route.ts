import { authorizeRoute } from "@/lib/auth/current";
import { errorResponse } from "@/lib/http/json";
import { jobIdOf } from "@/lib/jobs/api-schemas";
import { jobLogText } from "@/lib/jobs/log-export";

type Ctx = { params: Promise<{ id: string }> };

/** The full stored log as a text/plain download (streamed). */
export async function GET(_req: Request, { params }: Ctx) {
  const { id } = await params;
  const { denied } = await authorizeRoute("jobs:read", "jobs.read", id);
  if (denied) return denied;
  try {
    const { stream, filename } = await jobLogText(jobIdOf(id));
    return new Response(stream, {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
