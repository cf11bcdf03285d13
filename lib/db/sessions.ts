import "server-only";
// Named queries for sessions. Only token hashes are stored.
import { db } from "./client";

export function insertSession(data: { tokenHash: string; userId: number; expiresAt: Date; address: string; userAgent: string }) {
  return db().session.create({ data });
}

function loadSession(tokenHash: string) {
  return db().session.findUnique({
    where: { tokenHash },
    include: { user: { select: { id: true, name: true, role: true } } },
  });
}

type SessionRow = Awaited<ReturnType<typeof loadSession>>;

// Lookups are cached for 2 s (every request resolves its session; most are seconds apart).
// Every write through this file, and every user change, empties the cache: one process owns the DB.
const CACHE_MS = 2000;
const KEY = Symbol.for("homelab-panel.session-cache");
type Holder = { [KEY]?: Map<string, { at: number; row: SessionRow }> };
const cache = () => ((globalThis as Holder)[KEY] ??= new Map());

export function forgetCachedSessions(): void {
  cache().clear();
}

export async function findSession(tokenHash: string, now = Date.now()): Promise<SessionRow> {
  const hit = cache().get(tokenHash);
  if (hit && now - hit.at < CACHE_MS) return hit.row;
  const row = await loadSession(tokenHash);
  if (cache().size > 1000) cache().clear();
  cache().set(tokenHash, { at: now, row });
  return row;
}

export async function touchSession(id: number, at: Date) {
  const row = await db().session.update({ where: { id }, data: { lastSeenAt: at } });
  const hit = cache().get(row.tokenHash);
  if (hit?.row) hit.row.lastSeenAt = at;
  return row;
}

export function deleteSession(tokenHash: string) {
  forgetCachedSessions();
  return db().session.deleteMany({ where: { tokenHash } });
}

export function deleteUserSessions(userId: number) {
  forgetCachedSessions();
  return db().session.deleteMany({ where: { userId } });
}

export function deleteExpiredSessions(now: Date, idleBefore: Date) {
  forgetCachedSessions();
  return db().session.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { lastSeenAt: { lt: idleBefore } }] } });
}
