import "server-only";
// What the unit poller of one machine needs from the inventory: how to reach the machine and which
// units its services run. Read on every poll, so inventory edits apply without a restart.
import type { Db } from "../db/client";
import { ValidationError } from "../errors";
import { endpointOf, findMachineByName, type Endpoint } from "../jobs/machine-targets";
import type { SshTarget } from "../ssh/target";

export type UnitSource = { target: SshTarget | null; sshUser: string; services: { service: string; unit: string }[] };

/** How to reach a machine of the inventory, or null when it has no SSH host or user. */
export async function machineTarget(db: Db, machine: string, keyFile: string): Promise<Endpoint | null> {
  const m = await findMachineByName(db, machine);
  if (!m.sshHost || !m.sshUser) return null;
  try {
    return endpointOf(m, keyFile);
  } catch (err) {
    throw err instanceof ValidationError ? new ValidationError(`${m.name}'s SSH settings are invalid: ${err.message}`) : err;
  }
}

export async function loadUnitSource(db: Db, machine: string, keyFile: string): Promise<UnitSource> {
  const m = await findMachineByName(db, machine);
  const rows = await db.service.findMany({
    where: { machineId: m.id, unit: { not: null } },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { slug: true, unit: true },
  });
  const services = rows.map((r) => ({ service: r.slug, unit: r.unit! }));
  if (services.length === 0) return { target: null, sshUser: "", services };
  const reach = await machineTarget(db, machine, keyFile);
  return { target: reach?.target ?? null, sshUser: reach?.sshUser ?? "", services };
}
