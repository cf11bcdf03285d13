import "server-only";
// Restarting one of a machine's service units: only units the inventory lists for that machine,
// never while a deploy or rollback of the machine runs, the argv from lib/commands, bounded time.
import { commandLine, systemctlRestart, systemctlShow } from "../commands";
import { db } from "../db/client";
import { ConflictError, ValidationError } from "../errors";
import { jobRunner } from "../jobs";
import { jobMachine } from "../jobs/machine-targets";
import { sshPool } from "../ssh/pool";
import { run } from "../ssh/run";
import { parseSystemctlShow, type UnitStatus } from "../systemd/show";

export async function restartUnit(name: string, unit: string, timeoutMs = 60_000): Promise<UnitStatus | null> {
  const m = await jobMachine(db(), name, sshPool().settings.keyFile);
  if (!m.services.some((s) => s.unit === unit))
    throw new ValidationError(`${unit} is not a unit of ${name}'s services.`, { unit: "not in the inventory for this machine" });
  const busy = jobRunner().busy(name);
  if (busy.running) throw new ConflictError(`${busy.running.kind} #${busy.running.id} is changing ${name}; restart after it has finished.`);
  const ctx = { sshUser: m.self.sshUser };
  await run(m.self.target, commandLine(systemctlRestart(ctx, unit)), { timeoutMs, label: `Restart ${unit}` });
  const shown = await run(m.self.target, commandLine(systemctlShow(ctx, [unit])), { timeoutMs: 15_000 });
  return parseSystemctlShow(shown).units[0] ?? null;
}
