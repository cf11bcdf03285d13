import "server-only";
// Reads the inventory and applies an import's plan in ONE transaction: the plan is computed again
// inside it, so what is written is exactly what the current inventory needs (twice = no change).
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { MachineOp } from "./machine-plan";
import type { Planned } from "./plan-types";
import type { ServiceOp } from "./service-plan";
import { machineSnapshot, serviceSnapshot, type InventorySnapshot } from "./snapshot";
import type { ImportPlan } from "./model/plan";

type Tx = Prisma.TransactionClient;

async function snapshotOf(tx: Pick<Tx, "machine" | "service">): Promise<InventorySnapshot> {
  const [machines, services] = await Promise.all([
    tx.machine.findMany({ orderBy: { name: "asc" } }),
    tx.service.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], include: { machine: { select: { name: true } } } }),
  ]);
  return { machines: machines.map(machineSnapshot), services: services.map(serviceSnapshot) };
}

export function loadInventory(): Promise<InventorySnapshot> {
  return snapshotOf(db());
}

async function writeMachines(tx: Tx, ops: MachineOp[]) {
  for (const op of ops) {
    if (op.action === "add") await tx.machine.create({ data: op.input });
    else await tx.machine.update({ where: { name: op.name }, data: op.input });
  }
}

async function writeServices(tx: Tx, ops: ServiceOp[]) {
  const last = await tx.service.aggregate({ _max: { sortOrder: true } });
  let order = last._max.sortOrder ?? 0;
  const machineIds = new Map((await tx.machine.findMany({ select: { id: true, name: true } })).map((m) => [m.name, m.id]));
  for (const op of ops) {
    const { machine, ...rest } = op.input;
    const data = { ...rest, machineId: machine ? (machineIds.get(machine) ?? null) : null };
    if (machine && data.machineId === null) throw new Error(`machine ${machine} vanished during the import`);
    if (op.action === "add") await tx.service.create({ data: { ...data, sortOrder: ++order } });
    else await tx.service.update({ where: { slug: op.slug }, data });
  }
}

/** Plans against the inventory inside a transaction and writes the adds and changes; returns the applied plan. */
export async function applyImport(planFor: (inventory: InventorySnapshot) => Planned): Promise<ImportPlan> {
  return db().$transaction(async (tx) => {
    const planned = planFor(await snapshotOf(tx));
    await writeMachines(tx, planned.machineOps ?? []);
    await writeServices(tx, planned.ops);
    return planned.plan;
  });
}
