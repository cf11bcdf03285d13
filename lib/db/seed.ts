import "server-only";
// Seeds the inventory once. A marker row records that it ran, so a user's edits and deletes
// are never undone by a later start.
import type { Db } from "./client";
import { seedMachines, seedServices } from "./seed-data";

export const SEED_MARKER = "seededAt";

export async function seedOnce(client: Db): Promise<{ seeded: boolean }> {
  return client.$transaction(async (tx) => {
    const marker = await tx.setting.findUnique({ where: { key: SEED_MARKER } });
    if (marker) return { seeded: false };
    const ids = new Map<string, number>();
    for (const m of seedMachines) {
      const row = await tx.machine.create({ data: { ...m } });
      ids.set(m.name, row.id);
    }
    for (const [i, s] of seedServices.entries()) {
      await tx.service.create({ data: { ...s, sortOrder: i, machineId: ids.get("frame1") } });
    }
    await tx.setting.create({ data: { key: SEED_MARKER, value: new Date().toISOString() } });
    return { seeded: true };
  });
}
