import "server-only";
// The audit log: append and read, never edit. Refusals (outcome denied or failed) are folded: one
// row per minute, actor, address, action and outcome carries a count, so a flood of refused
// requests writes a bounded number of rows. Rows older than the retention are pruned.
import { db } from "./client";
import { isUniqueViolation } from "./prisma-errors";

export type AuditInput = {
  userId?: number | null;
  actor: string;
  address: string;
  action: string;
  target?: string;
  outcome: "ok" | "denied" | "failed";
  detail?: string;
};

/** At most this many folded rows are started per minute; past it, sources share one row. */
export const NEW_FOLDS_PER_MINUTE = 500;
export const MANY_SOURCES = "(many sources)";

const KEY = Symbol.for("homelab-panel.audit-folds");
type Folds = { minute: number; keys: Set<string> };
type Holder = { [KEY]?: Folds };
const holder = globalThis as Holder;

function foldKeyFor(e: AuditInput, minute: number, address: string): string {
  return JSON.stringify([minute, e.userId ?? null, e.actor.slice(0, 100), address.slice(0, 100), e.action.slice(0, 100), e.outcome]);
}

/** The row key a refusal folds into, or null for events that get a row of their own. */
export function foldFor(e: AuditInput, at: Date): { key: string; address: string } | null {
  if (e.outcome === "ok") return null;
  const minute = Math.floor(at.getTime() / 60_000);
  const folds = holder[KEY]?.minute === minute ? holder[KEY] : (holder[KEY] = { minute, keys: new Set() });
  const key = foldKeyFor(e, minute, e.address);
  if (folds.keys.has(key) || folds.keys.size < NEW_FOLDS_PER_MINUTE) {
    folds.keys.add(key);
    return { key, address: e.address };
  }
  return { key: foldKeyFor(e, minute, MANY_SOURCES), address: MANY_SOURCES };
}

export async function appendAudit(e: AuditInput, at = new Date()) {
  const fold = foldFor(e, at);
  const data = {
    userId: e.userId ?? null,
    actor: e.actor.slice(0, 100),
    address: (fold?.address ?? e.address).slice(0, 100),
    action: e.action.slice(0, 100),
    target: (e.target ?? "").slice(0, 200),
    outcome: e.outcome,
    detail: (e.detail ?? "").slice(0, 1000),
    at,
    lastAt: at,
  };
  if (!fold) return db().auditEvent.create({ data });
  const upsert = () =>
    db().auditEvent.upsert({
      where: { foldKey: fold.key },
      create: { ...data, foldKey: fold.key },
      update: { count: { increment: 1 }, lastAt: at },
    });
  try {
    return await upsert();
  } catch (err) {
    if (isUniqueViolation(err)) return upsert(); // a concurrent first insert of the same fold won
    throw err;
  }
}

/** Deletes events older than `days`; returns how many rows went. */
export async function pruneAudit(days: number, now = new Date()): Promise<number> {
  const { count } = await db().auditEvent.deleteMany({ where: { lastAt: { lt: new Date(now.getTime() - days * 86_400_000) } } });
  return count;
}

/** "users": what logged-in users did; "anonymous": events without a user (logins, refusals of strangers). */
export type AuditScope = "users" | "anonymous";
export type AuditFilter = { scope?: AuditScope; action?: string; actor?: string; outcome?: string; before?: number; limit?: number };

export function listAudit(f: AuditFilter) {
  return db().auditEvent.findMany({
    where: {
      ...(f.scope === "users" ? { userId: { not: null } } : f.scope === "anonymous" ? { userId: null } : {}),
      ...(f.action ? { action: { startsWith: f.action } } : {}),
      ...(f.actor ? { actor: f.actor } : {}),
      ...(f.outcome ? { outcome: f.outcome } : {}),
      ...(f.before ? { id: { lt: f.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: Math.min(f.limit ?? 100, 500),
    select: {
      id: true,
      at: true,
      lastAt: true,
      count: true,
      userId: true,
      actor: true,
      address: true,
      action: true,
      target: true,
      outcome: true,
      detail: true,
    },
  });
}

export async function auditActions() {
  const rows = await db().auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
