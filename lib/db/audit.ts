import "server-only";
// The audit log: append and read, never edit.
import { db } from "./client";

export type AuditInput = {
  userId?: number | null;
  actor: string;
  address: string;
  action: string;
  target?: string;
  outcome: "ok" | "denied" | "failed";
  detail?: string;
};

export function appendAudit(e: AuditInput) {
  return db().auditEvent.create({
    data: {
      userId: e.userId ?? null,
      actor: e.actor.slice(0, 100),
      address: e.address.slice(0, 100),
      action: e.action,
      target: (e.target ?? "").slice(0, 200),
      outcome: e.outcome,
      detail: (e.detail ?? "").slice(0, 1000),
    },
  });
}

export type AuditFilter = { action?: string; actor?: string; outcome?: string; before?: number; limit?: number };

export function listAudit(f: AuditFilter) {
  return db().auditEvent.findMany({
    where: {
      ...(f.action ? { action: { startsWith: f.action } } : {}),
      ...(f.actor ? { actor: f.actor } : {}),
      ...(f.outcome ? { outcome: f.outcome } : {}),
      ...(f.before ? { id: { lt: f.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: Math.min(f.limit ?? 100, 500),
  });
}

export async function auditActions() {
  const rows = await db().auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
