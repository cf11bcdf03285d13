import { audit } from "@/lib/auth/audit";
import { authorizeRoute } from "@/lib/auth/current";
import { errorResponse, parseJson } from "@/lib/http/json";
import { cancelBody, jobIdOf } from "@/lib/jobs/api-schemas";
import { cancelFleet, getFleet } from "@/lib/jobs/fleet";

type Ctx = { params: Promise<{ id: string }> };

/** Cancels a fleet's children that have not started; deploys already running go on to their end. */
export async function POST(req: Request, { params }: Ctx) {
  const { id: raw } = await params;
  const { user, ctx, denied } = await authorizeRoute("jobs:run", "fleet.cancel", raw);
  if (denied) return denied;
  try {
    const id = jobIdOf(raw);
    const body = await parseJson(req, cancelBody);
    const reason = `Cancelled with its fleet by ${user.name}${body?.reason ? `: ${body.reason}` : "."}`;
    const { cancelled, running } = await cancelFleet(id, reason);
    await audit(
      user,
      ctx.address,
      "fleet.cancel",
      "ok",
      raw,
      `cancelled ${cancelled.join(", ") || "none"}; running ${running.join(", ") || "none"}`,
    );
    return Response.json({ cancelled, running, ...(await getFleet(id)) });
  } catch (err) {
    await audit(user, ctx.address, "fleet.cancel", "failed", raw, err instanceof Error ? err.message : "");
    return errorResponse(err);
  }
}
