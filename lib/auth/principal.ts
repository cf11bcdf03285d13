import "server-only";
// Who is asking, the one lookup for pages, route handlers, server actions (lib/auth/current.ts) and
// socket handshakes (lib/live/auth.ts): the session, else (when the proxy is trusted and
// TAILSCALE_IDENTITY is on, which the caller's context already decided) the user with that
// Tailscale login, else nobody.
import { findUserByTailscaleLogin } from "../db/users";
import { principalOf, type Principal } from "./permissions";
import { resolveSession } from "./session";

export async function principalFor(token: string | null, tailscaleLogin: () => Promise<string | null> | string | null): Promise<Principal> {
  const fromSession = await resolveSession(token);
  if (fromSession) return fromSession;
  const login = await tailscaleLogin();
  if (!login) return null;
  const user = await findUserByTailscaleLogin(login);
  return user ? principalOf(user) : null;
}
