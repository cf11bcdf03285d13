import "server-only";
// Named queries for machines.
import { db } from "./client";
import { unique } from "./prisma-errors";
import { NotFoundError, ValidationError } from "../errors";
import type { MachineDeleteInput, MachineInput } from "../validation/machine";
import { standInProblem } from "../validation/stand-in";

export function listMachines() {
  return db().machine.findMany({ orderBy: [{ role: "asc" }, { name: "asc" }], include: { _count: { select: { services: true } } } });
}

export async function getMachine(name: string) {
  const machine = await db().machine.findUnique({ where: { name }, include: { services: { orderBy: { sortOrder: "asc" } } } });
  if (!machine) throw new NotFoundError(`No machine named "${name}".`);
  return machine;
}

/**
 * A build host must be another machine in the inventory (or the machine itself, by name), and one
 * that builds: a never-builds machine builds for nobody.
 */
async function checkBuildHost(input: MachineInput) {
  if (input.buildHost === null || input.buildHost === input.name) return;
  const host = await db().machine.findUnique({ where: { name: input.buildHost }, select: { id: true, neverBuilds: true } });
  if (!host) {
    throw new ValidationError(`No machine named "${input.buildHost}" to build on.`, {
      buildHost: "Choose a machine from the inventory, or leave empty.",
    });
  }
  if (host.neverBuilds) {
    throw new ValidationError(`${input.buildHost} never builds, so it cannot build for ${input.name}.`, {
      buildHost: `${input.buildHost} never builds: choose a machine that builds.`,
    });
  }
}

/** The production machine a test stand-in tests for (lib/validation/stand-in.ts). */
async function checkTestFor(input: MachineInput, oldName: string | null) {
  if (input.testFor === null) return;
  const rows = await db().machine.findMany({ select: { name: true, testFor: true } });
  // Seen with the edit applied: a rename carries the machine's own row and the rows pointing at it.
  const renamed = (n: string | null) => (oldName !== null && n === oldName ? input.name : n);
  const others = rows.filter((r) => r.name !== oldName).map((r) => ({ name: r.name, testFor: renamed(r.testFor) }));
  const problem = standInProblem(input.name, input.testFor, others);
  if (problem) throw new ValidationError(problem, { testFor: problem });
}

/** Creates a machine; every field of the form (flakeDir, deployCommand, buildHost too) is stored. */
export async function createMachine(input: MachineInput) {
  await checkBuildHost(input);
  await checkTestFor(input, null);
  return unique(() => db().machine.create({ data: input }), "name", `A machine named "${input.name}" already exists.`);
}

export async function updateMachine(name: string, input: MachineInput) {
  await getMachine(name);
  await checkBuildHost(input);
  await checkTestFor(input, name);
  return unique(
    () =>
      db().$transaction(async (tx) => {
        const row = await tx.machine.update({ where: { name }, data: input });
        // A renamed production machine keeps its test machine.
        if (input.name !== name) await tx.machine.updateMany({ where: { testFor: name }, data: { testFor: input.name } });
        return row;
      }),
    "name",
    `A machine named "${input.name}" already exists.`,
  );
}

/**
 * Deletes a machine. When it still has services the caller must say what happens to them:
 * detach (keep them without a machine), move (to another machine) or delete them too.
 */
export async function deleteMachine(input: MachineDeleteInput) {
  return db().$transaction(async (tx) => {
    const machine = await tx.machine.findUnique({
      where: { name: input.name },
      include: { _count: { select: { services: true, jobs: true } } },
    });
    if (!machine) throw new NotFoundError(`No machine named "${input.name}".`);
    const count = machine._count.services;
    if (count > 0 && !input.services) {
      throw new ValidationError(`${machine.name} has ${count} service(s): choose what happens to them.`, {
        services: "Choose what happens to this machine's services.",
      });
    }
    if (machine._count.jobs > 0) {
      throw new ValidationError(`${machine.name} has job history; it cannot be deleted.`);
    }
    if (count > 0 && input.services === "move") {
      const target = await tx.machine.findUnique({ where: { name: input.moveTo ?? "" } });
      if (!target) throw new ValidationError("The machine to move to does not exist.", { moveTo: "No such machine." });
      await tx.service.updateMany({ where: { machineId: machine.id }, data: { machineId: target.id } });
    } else if (count > 0 && input.services === "detach") {
      await tx.service.updateMany({ where: { machineId: machine.id }, data: { machineId: null } });
    } else if (count > 0 && input.services === "delete") {
      await tx.service.deleteMany({ where: { machineId: machine.id } });
    }
    await tx.machine.updateMany({ where: { testFor: machine.name }, data: { testFor: null } });
    await tx.machine.delete({ where: { id: machine.id } });
    return { name: machine.name, services: count, disposition: count > 0 ? input.services : undefined };
  });
}
