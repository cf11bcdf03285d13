import { cookies } from "next/headers";
import { currentUser, requestContext, sessionToken } from "@/lib/auth/current";
import { audit } from "@/lib/auth/audit";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@/lib/auth/context";
import { endSession } from "@/lib/auth/session";

/** Ends this session (idempotent: logging out twice is fine). */
export async function POST() {
  const [user, ctx, token] = await Promise.all([currentUser(), requestContext(), sessionToken()]);
  await endSession(token);
  if (user) await audit(user, ctx.address, "logout", "ok", user.name);
  const jar = await cookies();
  jar.delete(SESSION_COOKIE);
  jar.delete(SECURE_SESSION_COOKIE);
  return Response.json({ ok: true });
}
