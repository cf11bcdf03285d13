import "server-only";
// Loads what the dashboard shows, as plain data.
import { listMachines } from "../db/machines";
import { listServices } from "../db/services";
import type { MachineCardData, TileData } from "./types";

const GROUP_ORDER = ["Infrastructure", "Observability", "Network"];

function groupRank(name: string): number {
  const i = GROUP_ORDER.indexOf(name);
  return i === -1 ? GROUP_ORDER.length : i;
}

export type DashboardData = { tiles: TileData[]; machines: MachineCardData[] };

export async function loadDashboard(): Promise<DashboardData> {
  const [services, machines] = await Promise.all([listServices(), listMachines()]);
  const tiles = services
    .map((s) => ({
      slug: s.slug,
      name: s.name,
      group: s.groupName,
      icon: s.icon,
      description: s.description,
      url: s.url,
      docsUrl: s.docsUrl,
      unit: s.unit,
      machine: s.machine?.name ?? null,
      ports: s.ports,
      hasCheck: s.checkType !== "none",
    }))
    .sort((a, b) => groupRank(a.group) - groupRank(b.group) || a.group.localeCompare(b.group));
  return {
    tiles,
    machines: machines.map((m) => ({
      name: m.name,
      system: m.system,
      role: m.role,
      description: m.description,
      address: m.sshHost ? `${m.sshUser ? `${m.sshUser}@` : ""}${m.sshHost}${m.sshPort !== 22 ? `:${m.sshPort}` : ""}` : null,
      deployable: m.deployable,
      services: m._count.services,
    })),
  };
}
