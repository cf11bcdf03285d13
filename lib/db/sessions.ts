import "server-only";
// Named queries for sessions. Only token hashes are stored.
import { db } from "./client";

export function insertSession(data: { tokenHash: string; userId: number; expiresAt: Date; address: string; userAgent: string }) {
  return db().session.create({ data });
}

export function findSession(tokenHash: string) {
  return db().session.findUnique({
    where: { tokenHash },
    include: { user: { select: { id: true, name: true, role: true } } },
  });
}

export function touchSession(id: number, at: Date) {
  return db().session.update({ where: { id }, data: { lastSeenAt: at } });
}

export function deleteSession(tokenHash: string) {
  return db().session.deleteMany({ where: { tokenHash } });
}

export function deleteUserSessions(userId: number) {
  return db().session.deleteMany({ where: { userId } });
}

export function deleteExpiredSessions(now: Date, idleBefore: Date) {
  return db().session.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { lastSeenAt: { lt: idleBefore } }] } });
}
