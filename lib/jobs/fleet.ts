import "server-only";
// Fleet deploys' public face for routes and pages: the plan, starting, cancelling and reading a
// fleet run. The runner (lib/jobs/runner.ts) queues the children; this file only reads and asks it.
import { db } from "../db/client";
import { sshPool } from "../ssh/pool";
import { fleetSummary, type FleetPlan, type FleetStatus, type FleetSummary, type WireFleet } from "../wire/fleet";
import { toWireJob, type MachineBusy } from "../wire/job";
import { fleetPlanOf, resolveMachines, selectedNames, type FleetSelection } from "./fleet-plan";
import { listFleetRows, loadFleet, type FleetRow } from "./fleet-store";
import { jobRunner } from "./index";
import type { JobRunner } from "./runner";

export { fleetSelection, type FleetSelection } from "./fleet-plan";

export async function planFleet(sel: FleetSelection, runner: JobRunner = jobRunner()): Promise<FleetPlan> {
  const names = await selectedNames(db(), sel);
  return fleetPlanOf(await resolveMachines(db(), names, sshPool().settings.keyFile), (m) => runner.busy(m));
}

/** Starts the fleet (all children or none); the names it stands for come back for the audit log. */
export async function startFleet(sel: FleetSelection, requestedById: number, runner: JobRunner = jobRunner()) {
  const names = await selectedNames(db(), sel);
  return { ...(await runner.enqueueFleet(names, requestedById)), names };
}

function wireFleet(f: FleetRow, runner: JobRunner): WireFleet {
  return {
    id: f.id,
    kind: f.kind,
    status: f.status as FleetStatus,
    requestedBy: f.requestedBy?.name ?? null,
    createdAt: f.createdAt.toISOString(),
    finishedAt: f.finishedAt?.toISOString() ?? null,
    children: f.jobs.map((j) => toWireJob(j, runner.position(j.id))),
  };
}

export type FleetPage = { fleet: WireFleet; summary: FleetSummary; busy: Record<string, MachineBusy> };

/** A fleet, its summary, and what changes each of its machines now (for "waiting for job #N"). */
export async function getFleet(id: number, runner: JobRunner = jobRunner()): Promise<FleetPage> {
  const fleet = wireFleet(await loadFleet(db(), id), runner);
  const busy = Object.fromEntries(fleet.children.map((c) => [c.machine, runner.busy(c.machine)]));
  return { fleet, summary: fleetSummary(fleet.children), busy };
}

export async function listFleets(limit = 20, runner: JobRunner = jobRunner()) {
  return (await listFleetRows(db(), limit)).map((f) => {
    const fleet = wireFleet(f, runner);
    return { ...fleet, summary: fleetSummary(fleet.children) };
  });
}

/** Cancels the children that have not started; the outcome says which were cancelled and which run on. */
export async function cancelFleet(id: number, reason: string, runner: JobRunner = jobRunner()) {
  const f = await loadFleet(db(), id);
  const queued = f.jobs.filter((j) => j.status === "queued").map((j) => j.id);
  return runner.cancelFleet(queued, reason);
}
