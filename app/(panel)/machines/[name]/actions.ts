"use server";
// Restart one unit of a machine's services. A server action, not a job: it is one short command
// whose answer the button waits for (the unit's new state), it needs units:restart (operators may
// restart without deploying), and it is audited. It refuses while a deploy/rollback runs.
import { z } from "zod";
import type { RestartResult } from "@/components/deploy/units-list";
import { audit } from "@/lib/auth/audit";
import { requireAction } from "@/lib/auth/current";
import { DomainError } from "@/lib/errors";
import { restartUnit } from "@/lib/machine/restart-unit";
import { MACHINE_NAME, UNIT } from "@/lib/commands/patterns";

const input = z.object({ machine: z.string().regex(MACHINE_NAME), unit: z.string().regex(UNIT) });

export async function restartUnitAction(machine: unknown, unit: unknown): Promise<RestartResult> {
  const target = `${typeof machine === "string" ? machine.slice(0, 64) : "?"}:${typeof unit === "string" ? unit.slice(0, 100) : "?"}`;
  let who;
  try {
    who = await requireAction("units:restart", "unit.restart", target);
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, message: err.message };
    throw err;
  }
  const parsed = input.safeParse({ machine, unit });
  if (!parsed.success) return { ok: false, message: "Not a machine name and unit name." };
  try {
    const s = await restartUnit(parsed.data.machine, parsed.data.unit);
    await audit(who.user, who.ctx.address, "unit.restart", "ok", target, s ? `${s.activeState} (${s.subState})` : "");
    return {
      ok: true,
      unit: s ? { service: "", unit: parsed.data.unit, activeState: s.activeState, subState: s.subState, since: s.since } : null,
    };
  } catch (err) {
    // SSH errors come from the pool on globalThis (server.ts's copy of lib/errors); DomainError's
    // brand makes `instanceof` see them.
    if (!(err instanceof DomainError)) throw err;
    await audit(who.user, who.ctx.address, "unit.restart", "failed", target, err.message);
    return { ok: false, message: `Not restarted: ${err.message}` };
  }
}
