import "server-only";
// Installation facts kept in the Setting table.
import { db } from "./client";
import { isUniqueViolation } from "./prisma-errors";

/** The stored value of `key`, created with `make()` the first time (a concurrent first write wins). */
export async function settingOrCreate(key: string, make: () => string): Promise<string> {
  const found = await db().setting.findUnique({ where: { key } });
  if (found) return found.value;
  try {
    return (await db().setting.create({ data: { key, value: make() } })).value;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return (await db().setting.findUniqueOrThrow({ where: { key } })).value;
  }
}
