import { authorizeRoute } from "@/lib/auth/current";
import { errorResponse, parseJson } from "@/lib/http/json";
import { fleetSelection, planFleet } from "@/lib/jobs/fleet";

/**
 * The plan of a fleet deploy ({ machines: [...] } or { all: true }): each machine, its builder,
 * the exact command line its deploy job will run, what it waits for, and refusals. Starts nothing.
 */
export async function POST(req: Request) {
  const { denied } = await authorizeRoute("jobs:run", "fleet.plan");
  if (denied) return denied;
  try {
    return Response.json({ plan: await planFleet(await parseJson(req, fleetSelection)) });
  } catch (err) {
    return errorResponse(err);
  }
}
