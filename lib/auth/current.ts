import "server-only";
// Who is asking, for pages, server actions and route handlers (Next's request scope).
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { env } from "../env";
import { errorBody, ForbiddenError, httpStatus, UnauthorizedError } from "../errors";
import { audit } from "./audit";
import { readContext, SECURE_SESSION_COOKIE, SESSION_COOKIE, type RequestContext } from "./context";
import { can, type Permission, type Principal } from "./permissions";
import { principalFor } from "./principal";

export const requestContext = cache(async (): Promise<RequestContext> => {
  const h = await headers();
  return readContext((n) => h.get(n));
});

export const sessionToken = cache(async (): Promise<string | null> => {
  const jar = await cookies();
  return jar.get(SECURE_SESSION_COOKIE)?.value ?? jar.get(SESSION_COOKIE)?.value ?? null;
});

export const currentUser = cache(async (): Promise<Principal> =>
  principalFor(await sessionToken(), async () => (await requestContext()).tailscaleLogin),
);

const opts = () => ({ anonymousDashboard: env().ANONYMOUS_DASHBOARD });

/** For pages: anonymous visitors go to /login, users without the permission get 403. */
export async function requirePage(permission: Permission, path: string): Promise<Principal> {
  const user = await currentUser();
  if (can(user, permission, opts())) return user;
  if (!user) redirect(`/login?next=${encodeURIComponent(path)}`);
  forbidden();
}

/** For server actions: throws Unauthorized/Forbidden (audited) instead of acting. */
export async function requireAction(permission: Permission, action: string, target = "") {
  const [user, ctx] = await Promise.all([currentUser(), requestContext()]);
  if (user && can(user, permission)) return { user, ctx };
  await audit(user, ctx.address, action, "denied", target, `needs ${permission}`);
  throw user ? new ForbiddenError() : new UnauthorizedError();
}

/** For route handlers: the user, or a 401/403 response in the one error shape. */
export async function authorizeRoute(permission: Permission, action: string, target = "") {
  try {
    return { ...(await requireAction(permission, action, target)), denied: null };
  } catch (err) {
    return { user: null, ctx: await requestContext(), denied: Response.json(errorBody(err), { status: httpStatus(err) }) };
  }
}
