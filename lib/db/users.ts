import "server-only";
// Named queries for users.
import { db } from "./client";
import { unique } from "./prisma-errors";
import { NotFoundError, ValidationError } from "../errors";
import type { Role } from "../validation/roles";
import { forgetCachedSessions } from "./sessions";

const publicFields = { id: true, name: true, role: true, totpEnabled: true, tailscaleLogin: true, createdAt: true } as const;

export function countUsers() {
  return db().user.count();
}

export function listUsers() {
  return db().user.findMany({ select: publicFields, orderBy: { name: "asc" } });
}

export function findUserForLogin(name: string) {
  return db().user.findUnique({ where: { name } });
}

export function findUserById(id: number) {
  return db().user.findUnique({ where: { id }, select: { ...publicFields, totpSecret: true } });
}

export function findUserByTailscaleLogin(login: string) {
  return db().user.findUnique({ where: { tailscaleLogin: login }, select: publicFields });
}

export function createUser(data: { name: string; passwordHash: string; role: Role; tailscaleLogin?: string | null }) {
  return unique(() => db().user.create({ data, select: publicFields }), "name", `A user named "${data.name}" already exists.`);
}

export async function updateUser(
  id: number,
  data: { role?: Role; passwordHash?: string; tailscaleLogin?: string | null; totpSecret?: string | null; totpEnabled?: boolean },
) {
  if (data.role && data.role !== "admin") await keepOneAdmin(id);
  forgetCachedSessions();
  return unique(
    () => db().user.update({ where: { id }, data, select: publicFields }),
    "tailscaleLogin",
    "That Tailscale login belongs to another user.",
  );
}

export async function deleteUser(id: number) {
  await keepOneAdmin(id);
  const user = await db().user.findUnique({ where: { id } });
  if (!user) throw new NotFoundError("No such user.");
  await db().user.delete({ where: { id } });
  forgetCachedSessions();
  return user.name;
}

async function keepOneAdmin(id: number) {
  const user = await db().user.findUnique({ where: { id } });
  if (user?.role !== "admin") return;
  const admins = await db().user.count({ where: { role: "admin" } });
  if (admins <= 1) throw new ValidationError("The last admin cannot be removed or demoted.");
}
