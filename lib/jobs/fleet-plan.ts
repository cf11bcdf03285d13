import "server-only";
// The plan of a fleet deploy: for each chosen machine, who builds and deploys it and the exact
// command line its deploy job will send (the same RemoteCommand, through the one quoting helper),
// or why it is refused. Any refusal refuses the whole fleet.
import { z } from "zod";
import { commandLine } from "../commands";
import type { Db } from "../db/client";
import { ValidationError } from "../errors";
import type { FleetPlan, FleetPlanEntry } from "../wire/fleet";
import type { MachineBusy } from "../wire/job";
import { machineNameSchema } from "./api-schemas";
import { assertMayBuild, deployCommandOf, jobMachine, type JobMachine } from "./machine-targets";

/** At most this many machines per fleet (as many as one socket may watch: lib/live/machine-jobs.ts). */
export const MAX_FLEET = 20;

/** The machines asked for by name, or every deployable machine with SSH. */
export const fleetSelection = z.union([
  z.strictObject({ machines: z.array(machineNameSchema).min(1).max(MAX_FLEET) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type FleetSelection = z.infer<typeof fleetSelection>;

/** A chosen machine resolved against the inventory: its job target, or why it cannot be one. */
export type Resolved = { name: string; machine: JobMachine } | { name: string; error: string };

const address = (m: JobMachine) => `${m.builder.target.user}@${m.builder.target.host}:${m.builder.target.port}`;

/** Pure: the plan from resolved machines and what currently changes each of them. */
export function fleetPlanOf(resolved: readonly Resolved[], busy: (machine: string) => MachineBusy): FleetPlan {
  const seen = new Set<string>();
  const machines: FleetPlanEntry[] = resolved.map((r) => {
    if (seen.has(r.name)) return { machine: r.name, ok: false, refusal: "chosen twice" };
    seen.add(r.name);
    if ("error" in r) return { machine: r.name, ok: false, refusal: r.error };
    const m = r.machine;
    if (!m.deployable) return { machine: m.name, ok: false, refusal: "not deployable (inventory)" };
    const b = busy(m.name);
    return {
      machine: m.name,
      ok: true,
      builder: m.builderName,
      builderAddress: address(m),
      commandLine: commandLine(deployCommandOf(m)),
      waitingFor: b.running ?? (b.waiting.length ? { id: b.waiting.at(-1)!, kind: "change" } : null),
    };
  });
  return { machines, refused: machines.filter((e) => !e.ok).map((e) => e.machine) };
}

/** The names a selection stands for ("all": every deployable machine with an SSH host and user). */
export async function selectedNames(db: Db, sel: FleetSelection): Promise<string[]> {
  if ("machines" in sel) return sel.machines;
  const rows = await db.machine.findMany({
    where: { deployable: true, sshHost: { not: null }, sshUser: { not: null } },
    orderBy: { name: "asc" },
    select: { name: true },
  });
  if (rows.length === 0) throw new ValidationError("No machine of the inventory is deployable over SSH.");
  return rows.map((r) => r.name);
}

/** Each name against the inventory (jobMachine checks every field that reaches a command; never-builds rules). */
export async function resolveMachines(db: Db, names: readonly string[], keyFile: string): Promise<Resolved[]> {
  return Promise.all(
    names.map(async (name): Promise<Resolved> => {
      try {
        const machine = await jobMachine(db, name, keyFile);
        assertMayBuild(machine, "deploy"); // a weak device whose builder would be itself is refused here too
        return { name, machine };
      } catch (err) {
        return { name, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
}

/** Throws one ValidationError naming every refused machine (and why), or returns the targets. */
export function acceptedTargets(resolved: readonly Resolved[], plan: FleetPlan): JobMachine[] {
  if (plan.refused.length > 0) {
    const why = plan.machines.flatMap((e) => (e.ok ? [] : [`${e.machine}: ${e.refusal}`]));
    throw new ValidationError(
      `Not deploying: ${plan.refused.join(", ")} cannot be deployed (${why.join("; ")}). Nothing was started.`,
      Object.fromEntries(plan.machines.flatMap((e) => (e.ok ? [] : [[e.machine, e.refusal]]))),
    );
  }
  return resolved.flatMap((r) => ("machine" in r ? [r.machine] : []));
}
