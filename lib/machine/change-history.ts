import "server-only";
// The changes the panel made to a machine (succeeded deploys and rollbacks, newest first), as drift
// needs them: the last one, and every system the panel ran there before it.
import { db } from "../db/client";
import { CHANGE_KINDS } from "../wire/job-kinds";

export async function changeHistory(name: string) {
  const changes = await db().job.findMany({
    where: { machine: { name }, kind: { in: [...CHANGE_KINDS] }, status: "succeeded" },
    orderBy: { id: "desc" },
    take: 100,
  });
  return {
    lastChange: changes[0] ?? null,
    earlierSystems: changes
      .slice(1)
      .flatMap((c) => [c.newSystem, c.oldSystem])
      .concat(changes[0]?.oldSystem ?? null)
      .filter((s): s is string => !!s),
  };
}
