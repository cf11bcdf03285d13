import "server-only";
// Fleet rows: a parent (FleetRun) and one ordinary deploy job per machine (Job.fleetId), written in
// one transaction; the parent becomes final, once, when its last child is final.
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { fleetSummary, type FleetStatus } from "../wire/fleet";

const childInclude = { machine: { select: { name: true } }, requestedBy: { select: { name: true } } } as const;

/** The parent and one queued deploy job per machine, all or none. Children in the order given. */
export async function insertFleet(db: Db, machines: { id: number }[], requestedById: number | null) {
  return db.$transaction(async (tx) => {
    const fleet = await tx.fleetRun.create({ data: { kind: "deploy", requestedById } });
    const jobs = [];
    for (const m of machines)
      jobs.push(await tx.job.create({ data: { kind: "deploy", machineId: m.id, args: "{}", requestedById, fleetId: fleet.id } }));
    return { fleet, jobs };
  });
}

export async function loadFleet(db: Db, id: number) {
  const fleet = await db.fleetRun.findUnique({
    where: { id },
    include: { requestedBy: { select: { name: true } }, jobs: { include: childInclude, orderBy: { id: "asc" } } },
  });
  if (!fleet) throw new NotFoundError(`No fleet run ${id}.`);
  return fleet;
}

export type FleetRow = Awaited<ReturnType<typeof loadFleet>>;

export function listFleetRows(db: Db, limit = 20) {
  return db.fleetRun.findMany({
    orderBy: { id: "desc" },
    take: limit,
    include: { requestedBy: { select: { name: true } }, jobs: { include: childInclude, orderBy: { id: "asc" } } },
  });
}

/** The fleet a job belongs to, or null. */
export async function fleetOfJob(db: Db, jobId: number): Promise<number | null> {
  const job = await db.job.findUnique({ where: { id: jobId }, select: { fleetId: true } });
  return job?.fleetId ?? null;
}

/**
 * Makes a running fleet final when every child is final: its status from the children's
 * (lib/wire/fleet.ts). Returns the new status, or null when it still runs or was already final.
 */
export async function settleFleet(db: Db, fleetId: number): Promise<FleetStatus | null> {
  const children = await db.job.findMany({ where: { fleetId }, select: { status: true, machine: { select: { name: true } } } });
  const { status } = fleetSummary(children.map((c) => ({ machine: c.machine.name, status: c.status })));
  if (status === "running") return null;
  const { count } = await db.fleetRun.updateMany({ where: { id: fleetId, status: "running" }, data: { status, finishedAt: new Date() } });
  return count === 1 ? status : null;
}

/**
 * At start-up, after the jobs' own recovery (no child is left running or queued): every fleet
 * still marked running becomes final from its children. Returns the ids settled.
 */
export async function recoverFleets(db: Db): Promise<number[]> {
  const open = await db.fleetRun.findMany({ where: { status: "running" }, select: { id: true } });
  const settled: number[] = [];
  for (const { id } of open) if ((await settleFleet(db, id)) !== null) settled.push(id);
  return settled;
}
