import { cookies } from "next/headers";
import { authorizeRoute } from "@/lib/auth/current";
import { audit } from "@/lib/auth/audit";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@/lib/auth/context";
import { endAllSessions } from "@/lib/auth/session";

/** Ends every session of the current user, on every device. */
export async function POST() {
  const { user, ctx, denied } = await authorizeRoute("account:manage", "logout.all");
  if (denied) return denied;
  await endAllSessions(user.id);
  await audit(user, ctx.address, "logout.all", "ok", user.name);
  const jar = await cookies();
  jar.delete(SESSION_COOKIE);
  jar.delete(SECURE_SESSION_COOKIE);
  return Response.json({ ok: true });
}
