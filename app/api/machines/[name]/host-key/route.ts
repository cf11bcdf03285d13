import { audit } from "@/lib/auth/audit";
import { authorizeRoute } from "@/lib/auth/current";
import { db } from "@/lib/db/client";
import { errorResponse, parseJson } from "@/lib/http/json";
import { machineNameOf, trustBody } from "@/lib/jobs/api-schemas";
import { hostKeyState, trustHostKey } from "@/lib/jobs/host-keys";

type Ctx = { params: Promise<{ name: string }> };

/** The pinned fingerprint and the one the host last presented when it was refused. */
export async function GET(_req: Request, { params }: Ctx) {
  const { name } = await params;
  const { denied } = await authorizeRoute("inventory:read", "hostkey.read", name);
  if (denied) return denied;
  try {
    return Response.json(await hostKeyState(db(), machineNameOf(name)));
  } catch (err) {
    return errorResponse(err);
  }
}

/** An admin pins { fingerprint } for the machine (verified out of band). */
export async function POST(req: Request, { params }: Ctx) {
  const { name } = await params;
  const { user, ctx, denied } = await authorizeRoute("hostkeys:trust", "hostkey.trust", name);
  if (denied) return denied;
  try {
    const { fingerprint } = await parseJson(req, trustBody);
    const { previous, pinned } = await trustHostKey(db(), machineNameOf(name), fingerprint);
    await audit(user, ctx.address, "hostkey.trust", "ok", name, `${previous ?? "(none)"} -> ${pinned}`);
    return Response.json(await hostKeyState(db(), name));
  } catch (err) {
    await audit(user, ctx.address, "hostkey.trust", "failed", name, err instanceof Error ? err.message : "");
    return errorResponse(err);
  }
}
