import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import { OUTSIDE_CHANGE_MS } from "./freshness";
import { dashboardData, invalidateDashboardData } from "./snapshot";

// A real SQLite file through the real Prisma client: the snapshot is read once, kept until the
// inventory changes, and read again after an invalidation or once OUTSIDE_CHANGE_MS has passed.
const tdb = useTestDatabase();
const names = async (now?: number) => (await dashboardData(now)).tiles.map((t) => t.name);

describe("dashboardData", () => {
  it("reads the inventory once and keeps it until invalidated", async () => {
    await tdb.client().service.create({ data: { slug: "grafana", name: "Grafana" } });
    invalidateDashboardData();
    const now = Date.now();
    expect(await names(now)).toEqual(["Grafana"]);

    await tdb.client().service.create({ data: { slug: "loki", name: "Loki" } });
    expect(await names(now)).toEqual(["Grafana"]); // kept: nobody said the inventory changed

    invalidateDashboardData();
    expect((await names(now)).sort()).toEqual(["Grafana", "Loki"]);
  });

  it("reads again once a change by another process may have gone unseen for OUTSIDE_CHANGE_MS", async () => {
    invalidateDashboardData();
    const now = Date.now();
    await names(now);
    await tdb.client().service.create({ data: { slug: "alloy", name: "Alloy" } });
    expect(await names(now + OUTSIDE_CHANGE_MS)).not.toContain("Alloy");
    expect(await names(now + OUTSIDE_CHANGE_MS + 1)).toContain("Alloy");
  });

  it("lets concurrent callers share one read", async () => {
    invalidateDashboardData();
    const now = Date.now();
    const [a, b] = [dashboardData(now), dashboardData(now)];
    expect(a).toBe(b);
    expect(await a).toBe(await b);
  });
});
