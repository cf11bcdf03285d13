import "server-only";
// Sessions: random tokens in httpOnly cookies, stored hashed; idle and absolute expiry.
import { env } from "../env";
import { deleteSession, deleteUserSessions, findSession, insertSession, touchSession } from "../db/sessions";
import { principalOf, type Principal } from "./permissions";
import { hashToken, newToken } from "./tokens";

const TOUCH_EVERY_MS = 60_000;

export async function createSession(userId: number, address: string, userAgent: string): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + env().SESSION_MAX_SECONDS * 1000);
  await insertSession({
    tokenHash: hashToken(token),
    userId,
    expiresAt,
    address: address.slice(0, 100),
    userAgent: userAgent.slice(0, 300),
  });
  return { token, expiresAt };
}

/** The user behind a session token, or null when unknown, idle too long or past its absolute expiry. */
export async function resolveSession(token: string | null | undefined, now = new Date()): Promise<Principal> {
  if (!token || token.length > 100) return null;
  const session = await findSession(hashToken(token));
  if (!session) return null;
  const idleLimit = session.lastSeenAt.getTime() + env().SESSION_IDLE_SECONDS * 1000;
  if (session.expiresAt <= now || idleLimit <= now.getTime()) {
    await deleteSession(session.tokenHash);
    return null;
  }
  // Touch at most once a minute (or more often when the idle limit is short).
  const touchEvery = Math.min(TOUCH_EVERY_MS, (env().SESSION_IDLE_SECONDS * 1000) / 4);
  if (now.getTime() - session.lastSeenAt.getTime() > touchEvery) await touchSession(session.id, now);
  return principalOf(session.user);
}

export async function endSession(token: string | null | undefined): Promise<void> {
  if (token) await deleteSession(hashToken(token));
}

export async function endAllSessions(userId: number): Promise<void> {
  await deleteUserSessions(userId);
}

export function cookieOptions(https: boolean, expires: Date) {
  return { httpOnly: true, sameSite: "lax" as const, secure: https, path: "/", expires };
}
