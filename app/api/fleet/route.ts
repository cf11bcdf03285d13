import { audit } from "@/lib/auth/audit";
import { authorizeRoute } from "@/lib/auth/current";
import { errorResponse, parseJson } from "@/lib/http/json";
import { fleetSelection, getFleet, startFleet } from "@/lib/jobs/fleet";

/**
 * Starts a fleet deploy: one deploy job per machine, all created or none; a machine that cannot
 * be deployed refuses the whole request (400 naming each). Answers with the fleet and its children.
 */
export async function POST(req: Request) {
  const { user, ctx, denied } = await authorizeRoute("jobs:run", "fleet.deploy");
  if (denied) return denied;
  let target = "";
  try {
    const sel = await parseJson(req, fleetSelection);
    target = "machines" in sel ? sel.machines.join(",") : "all deployable";
    const { fleetId, jobs, names } = await startFleet(sel, user.id);
    target = names.join(",");
    await audit(user, ctx.address, "fleet.deploy", "ok", target, `fleet ${fleetId}: jobs ${jobs.join(", ")}`);
    return Response.json(await getFleet(fleetId));
  } catch (err) {
    await audit(user, ctx.address, "fleet.deploy", "failed", target, err instanceof Error ? err.message : "");
    return errorResponse(err);
  }
}
