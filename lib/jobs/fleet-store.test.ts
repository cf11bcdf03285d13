// Fleet rows on a real temporary SQLite: the parent and its children are written all or none, and
// the parent becomes final once, from its children, when the last one is final (also at start-up).
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import { insertFleet, loadFleet, recoverFleets, settleFleet } from "./fleet-store";
import { recoverJobs } from "./job-store";

const tdb = useTestDatabase();
const ids: number[] = [];

beforeAll(async () => {
  for (const name of ["a", "b", "c"]) {
    const m = await tdb.client().machine.create({ data: { name, system: "x86_64-linux", role: "production" } });
    ids.push(m.id);
  }
});

describe("fleet store", () => {
  it("writes the parent and one queued deploy per machine in one transaction", async () => {
    const { fleet, jobs } = await insertFleet(
      tdb.client(),
      ids.map((id) => ({ id })),
      null,
    );
    expect(jobs.map((j) => [j.kind, j.status, j.fleetId])).toEqual(ids.map(() => ["deploy", "queued", fleet.id]));
    expect((await loadFleet(tdb.client(), fleet.id)).jobs.map((j) => j.machine.name)).toEqual(["a", "b", "c"]);
  });

  it("leaves nothing behind when one child cannot be written", async () => {
    const before = { fleets: await tdb.client().fleetRun.count(), jobs: await tdb.client().job.count() };
    await expect(insertFleet(tdb.client(), [{ id: ids[0] }, { id: 999_999 }], null)).rejects.toThrow();
    expect({ fleets: await tdb.client().fleetRun.count(), jobs: await tdb.client().job.count() }).toEqual(before);
  });

  it("settles once, when the last child is final, from the children's outcomes", async () => {
    const db = tdb.client();
    const { fleet, jobs } = await insertFleet(
      db,
      ids.map((id) => ({ id })),
      null,
    );
    await db.job.update({ where: { id: jobs[0].id }, data: { status: "succeeded" } });
    await db.job.update({ where: { id: jobs[1].id }, data: { status: "rolled-back" } });
    expect(await settleFleet(db, fleet.id)).toBeNull();
    expect((await loadFleet(db, fleet.id)).status).toBe("running");
    await db.job.update({ where: { id: jobs[2].id }, data: { status: "succeeded" } });
    expect(await settleFleet(db, fleet.id)).toBe("failed");
    expect(await settleFleet(db, fleet.id)).toBeNull();
    const row = await loadFleet(db, fleet.id);
    expect(row.status).toBe("failed");
    expect(row.finishedAt).not.toBeNull();
  });

  it("at start-up, a fleet whose children the jobs' recovery ended becomes final", async () => {
    const db = tdb.client();
    const { fleet, jobs } = await insertFleet(
      db,
      ids.slice(0, 2).map((id) => ({ id })),
      null,
    );
    await db.job.update({ where: { id: jobs[0].id }, data: { status: "running" } });
    await recoverJobs(db); // running -> interrupted, queued -> cancelled (every open job of this db)
    const settled = await recoverFleets(db);
    expect(settled).toContain(fleet.id);
    expect((await loadFleet(db, fleet.id)).status).toBe("failed");
    expect(await db.fleetRun.count({ where: { status: "running" } })).toBe(0);
  });
});
