import "server-only";
// The runner's side of fleet deploys: creating a fleet (every machine checked, then all rows in one
// transaction) and noticing when a child's end makes its fleet final.
import type { Db } from "../db/client";
import type { FleetStatus } from "../wire/fleet";
import type { MachineBusy } from "../wire/job";
import { acceptedTargets, fleetPlanOf, resolveMachines } from "./fleet-plan";
import { insertFleet, settleFleet } from "./fleet-store";

/** Checks every machine (one refusal refuses all, naming each), then writes the fleet and its children. */
export async function createFleet(
  db: Db,
  names: readonly string[],
  opts: { keyFile: string; busy: (machine: string) => MachineBusy; requestedById: number | null },
) {
  const resolved = await resolveMachines(db, names, opts.keyFile);
  const targets = acceptedTargets(resolved, fleetPlanOf(resolved, opts.busy));
  const { fleet, jobs } = await insertFleet(db, targets, opts.requestedById);
  return { fleetId: fleet.id, children: jobs.map((row, i) => ({ id: row.id, machine: targets[i].name })) };
}

/** Which running or queued jobs are fleet children; settles a fleet when its last child ends. */
export class FleetChildren {
  private readonly fleetOf = new Map<number, number>();

  constructor(
    private readonly db: () => Db,
    private readonly onFinal: (fleet: { id: number; status: FleetStatus }) => void,
  ) {}

  add(jobId: number, fleetId: number): void {
    this.fleetOf.set(jobId, fleetId);
  }

  /** A job became final: if it was a fleet's child, the fleet may now be final too. Never throws. */
  async ended(jobId: number): Promise<void> {
    const fleetId = this.fleetOf.get(jobId);
    if (fleetId === undefined) return;
    this.fleetOf.delete(jobId);
    try {
      const status = await settleFleet(this.db(), fleetId);
      if (status) this.onFinal({ id: fleetId, status });
    } catch (err) {
      console.error(`[jobs] fleet ${fleetId}:`, err);
    }
  }
}
