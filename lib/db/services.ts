import "server-only";
// Named queries for services (dashboard tiles).
import { db } from "./client";
import { unique } from "./prisma-errors";
import { NotFoundError, ValidationError } from "../errors";
import type { ServiceInput } from "../validation/service";

export function listServices() {
  return db().service.findMany({
    orderBy: [{ groupName: "asc" }, { sortOrder: "asc" }, { name: "asc" }],
    include: { machine: { select: { name: true } } },
  });
}

export async function getService(slug: string) {
  const service = await db().service.findUnique({ where: { slug }, include: { machine: { select: { name: true } } } });
  if (!service) throw new NotFoundError(`No service "${slug}".`);
  return service;
}

async function toData(input: ServiceInput) {
  const { machine, ...rest } = input;
  let machineId: number | null = null;
  if (machine) {
    const row = await db().machine.findUnique({ where: { name: machine }, select: { id: true } });
    if (!row) throw new ValidationError(`No machine named "${machine}".`, { machine: "Choose an existing machine." });
    machineId = row.id;
  }
  return { ...rest, machineId };
}

export async function createService(input: ServiceInput) {
  const data = await toData(input);
  const last = await db().service.aggregate({ _max: { sortOrder: true } });
  return unique(
    () => db().service.create({ data: { ...data, sortOrder: (last._max.sortOrder ?? 0) + 1 } }),
    "slug",
    `A service with the id "${input.slug}" already exists.`,
  );
}

export async function updateService(slug: string, input: ServiceInput) {
  await getService(slug);
  const data = await toData(input);
  return unique(() => db().service.update({ where: { slug }, data }), "slug", `A service with the id "${input.slug}" already exists.`);
}

export async function deleteService(slug: string) {
  await getService(slug);
  return db().service.delete({ where: { slug } });
}
