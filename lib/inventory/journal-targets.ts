import "server-only";
// Machines whose journal can be read (they have SSH) and the systemd units the inventory knows on each.
import { listMachines } from "../db/machines";
import { listServices } from "../db/services";

export type JournalTarget = { machine: string; units: string[] };

export async function journalTargets(): Promise<JournalTarget[]> {
  const [machines, services] = await Promise.all([listMachines(), listServices()]);
  return machines
    .filter((m) => m.sshHost)
    .map((m) => ({
      machine: m.name,
      units: [...new Set(services.filter((s) => s.machine?.name === m.name && s.unit).map((s) => s.unit!))].sort(),
    }));
}
