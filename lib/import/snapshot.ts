// The inventory as an import sees it: plain values, the same fields as the forms.
import type { MachineInput } from "@/lib/validation/machine";
import type { ServiceSnapshot } from "./model/candidate";

export type MachineSnapshot = Omit<MachineInput, "role"> & { role: string };
export type InventorySnapshot = { machines: MachineSnapshot[]; services: ServiceSnapshot[] };

type ServiceRow = Omit<ServiceSnapshot, "machine"> & { machine: { name: string } | null };

export function serviceSnapshot(row: ServiceRow): ServiceSnapshot {
  return {
    slug: row.slug,
    name: row.name,
    groupName: row.groupName,
    icon: row.icon,
    description: row.description,
    url: row.url,
    docsUrl: row.docsUrl,
    unit: row.unit,
    ports: row.ports,
    checkType: row.checkType,
    checkTarget: row.checkTarget,
    machine: row.machine?.name ?? null,
  };
}

export function machineSnapshot(row: MachineSnapshot): MachineSnapshot {
  return {
    name: row.name,
    system: row.system,
    role: row.role,
    description: row.description,
    sshHost: row.sshHost,
    sshUser: row.sshUser,
    sshPort: row.sshPort,
    flakeAttr: row.flakeAttr,
    deployable: row.deployable,
    flakeDir: row.flakeDir,
    deployCommand: row.deployCommand,
    buildHost: row.buildHost,
    neverBuilds: row.neverBuilds,
    testFor: row.testFor,
  };
}
