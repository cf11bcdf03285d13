// Rows -> the string values forms start from.
export type ServiceValues = Record<
  "slug" | "name" | "groupName" | "icon" | "description" | "url" | "docsUrl" | "unit" | "ports" | "checkType" | "checkTarget" | "machine",
  string
>;

export type MachineValues = Record<
  | "name"
  | "system"
  | "role"
  | "description"
  | "sshHost"
  | "sshUser"
  | "sshPort"
  | "flakeAttr"
  | "deployable"
  | "flakeDir"
  | "deployCommand"
  | "buildHost"
  | "neverBuilds"
  | "testFor",
  string
>;

type ServiceRow = {
  slug: string;
  name: string;
  groupName: string;
  icon: string;
  description: string;
  url: string | null;
  docsUrl: string | null;
  unit: string | null;
  ports: string;
  checkType: string;
  checkTarget: string;
  machine: { name: string } | null;
};

type MachineRow = {
  name: string;
  system: string;
  role: string;
  description: string;
  sshHost: string | null;
  sshUser: string | null;
  sshPort: number;
  flakeAttr: string | null;
  deployable: boolean;
  flakeDir: string;
  deployCommand: string;
  buildHost: string | null;
  neverBuilds: boolean;
  testFor: string | null;
};

export const blankService: ServiceValues = {
  slug: "",
  name: "",
  groupName: "Services",
  icon: "",
  description: "",
  url: "",
  docsUrl: "",
  unit: "",
  ports: "",
  checkType: "none",
  checkTarget: "",
  machine: "",
};

export const blankMachine: MachineValues = {
  name: "",
  system: "x86_64-linux",
  role: "production",
  description: "",
  sshHost: "",
  sshUser: "",
  sshPort: "22",
  flakeAttr: "",
  deployable: "on",
  flakeDir: "/home/admin/homelab",
  deployCommand: "nix-run",
  buildHost: "",
  neverBuilds: "",
  testFor: "",
};

export function serviceValues(s: ServiceRow): ServiceValues {
  return {
    slug: s.slug,
    name: s.name,
    groupName: s.groupName,
    icon: s.icon,
    description: s.description,
    url: s.url ?? "",
    docsUrl: s.docsUrl ?? "",
    unit: s.unit ?? "",
    ports: s.ports,
    checkType: s.checkType,
    checkTarget: s.checkTarget,
    machine: s.machine?.name ?? "",
  };
}

export function machineValues(m: MachineRow): MachineValues {
  return {
    name: m.name,
    system: m.system,
    role: m.role,
    description: m.description,
    sshHost: m.sshHost ?? "",
    sshUser: m.sshUser ?? "",
    sshPort: String(m.sshPort),
    flakeAttr: m.flakeAttr ?? "",
    deployable: m.deployable ? "on" : "",
    flakeDir: m.flakeDir,
    deployCommand: m.deployCommand,
    buildHost: m.buildHost ?? "",
    neverBuilds: m.neverBuilds ? "on" : "",
    testFor: m.testFor ?? "",
  };
}
