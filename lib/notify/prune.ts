import "server-only";
// Old events and their deliveries go after `days` (the health history's retention), in bounded
// steps; the newest down/up event of each subject stays, so a service down for longer than that
// still gets its "up".
import type { Db } from "../db/client";
import type { EventKind } from "./types";

const TRANSITIONS: EventKind[] = ["service-down", "service-up", "machine-unreachable", "machine-reachable"];

export async function pruneNotifications(db: Db, days: number, now: number, batch = 5000): Promise<number> {
  const cutoff = new Date(now - days * 86_400_000);
  const old = await db.notifyEvent.findMany({
    where: { createdAt: { lt: cutoff } },
    select: { id: true },
    orderBy: { id: "asc" },
    take: batch,
  });
  if (old.length === 0) return 0;
  const latest = await db.notifyEvent.groupBy({ by: ["subject"], where: { kind: { in: TRANSITIONS } }, _max: { id: true } });
  const keep = new Set(latest.map((l) => l._max.id));
  const ids = old.map((e) => e.id).filter((id) => !keep.has(id));
  const { count } = await db.notifyEvent.deleteMany({ where: { id: { in: ids } } });
  return count;
}
