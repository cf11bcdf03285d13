import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import { appendAudit, listAudit, MANY_SOURCES, NEW_FOLDS_PER_MINUTE, pruneAudit } from "./audit";

const t = useTestDatabase();
const refusal = (address: string, action = "audit.read") => ({
  actor: "anonymous",
  address,
  action,
  outcome: "denied" as const,
  detail: "needs audit:read",
});

describe("audit folding and retention", () => {
  it("folds refusals from one source, action and minute into one row with a count", async () => {
    const at = new Date("2026-12-01T10:00:05Z");
    await Promise.all(Array.from({ length: 50 }, (_, i) => appendAudit(refusal("10.0.0.1"), new Date(at.getTime() + i * 100))));
    await appendAudit(refusal("10.0.0.1", "jobs.run"), at);
    await appendAudit(refusal("10.0.0.2"), at);
    await appendAudit(refusal("10.0.0.1"), new Date("2026-12-01T10:01:01Z")); // the next minute
    const rows = await t.client().auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.address, r.action, r.count])).toEqual([
      ["10.0.0.1", "audit.read", 50],
      ["10.0.0.1", "jobs.run", 1],
      ["10.0.0.2", "audit.read", 1],
      ["10.0.0.1", "audit.read", 1],
    ]);
    expect(rows[0].lastAt.getTime()).toBe(at.getTime() + 49 * 100);
  });

  it("never folds successful events", async () => {
    const before = await t.client().auditEvent.count();
    for (let i = 0; i < 3; i++)
      await appendAudit({ userId: null, actor: "cli", address: "local", action: "inventory.import", outcome: "ok" });
    expect(await t.client().auditEvent.count()).toBe(before + 3);
  });

  it("starts a bounded number of rows per minute, whatever the number of sources", async () => {
    const at = new Date("2026-12-02T10:00:00Z");
    const before = await t.client().auditEvent.count();
    for (let i = 0; i < NEW_FOLDS_PER_MINUTE + 300; i++) await appendAudit(refusal(`2001:db8::${i.toString(16)}`, "login"), at);
    const added = (await t.client().auditEvent.count()) - before;
    expect(added).toBe(NEW_FOLDS_PER_MINUTE + 1);
    const many = await t.client().auditEvent.findFirst({ where: { address: MANY_SOURCES } });
    expect(many?.count).toBe(300);
  });

  it("prunes rows older than the retention and separates users from anonymous events", async () => {
    const old = new Date(Date.now() - 200 * 86_400_000);
    await appendAudit({ actor: "x", address: "a", action: "old.event", outcome: "ok" }, old);
    expect(await pruneAudit(180)).toBeGreaterThanOrEqual(1);
    expect(await t.client().auditEvent.count({ where: { action: "old.event" } })).toBe(0);
    const anonymous = await listAudit({ scope: "anonymous", limit: 500 });
    expect(anonymous.length).toBeGreaterThan(0);
    expect(anonymous.every((e) => e.userId === null)).toBe(true);
    expect(await listAudit({ scope: "users" })).toEqual([]);
  });
});
