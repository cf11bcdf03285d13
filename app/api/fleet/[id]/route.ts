import { authorizeRoute } from "@/lib/auth/current";
import { errorResponse } from "@/lib/http/json";
import { jobIdOf } from "@/lib/jobs/api-schemas";
import { getFleet } from "@/lib/jobs/fleet";

type Ctx = { params: Promise<{ id: string }> };

/** One fleet run: its children (ordinary deploy jobs), summary, and what each machine waits for. */
export async function GET(_req: Request, { params }: Ctx) {
  const { id } = await params;
  const { denied } = await authorizeRoute("jobs:read", "fleet.read", id);
  if (denied) return denied;
  try {
    return Response.json(await getFleet(jobIdOf(id)));
  } catch (err) {
    return errorResponse(err);
  }
}
