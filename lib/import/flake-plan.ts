// The flake's machines and enabled services -> inventory machines and services (pure). A new
// service takes its name, unit and ports from the seed data (lib/db/seed-data.ts); an existing one
// is found by unit and machine, so importing twice changes nothing.
import { seedServices } from "@/lib/db/seed-data";
import { MACHINE_NAME } from "@/lib/commands/patterns";
import { planMachines, type MachineCandidate } from "./machine-plan";
import type { ServiceCandidateIn } from "./model/candidate";
import { planServices } from "./service-plan";
import type { InventorySnapshot } from "./snapshot";
import { countActions, type ImportPlan } from "./model/plan";
import type { Planned } from "./plan-types";
import { FLAKE_SERVICES, type DeployNodes, type FlakeMachines, type FlakeService } from "./flake/eval-output";

const SEED_SLUG: Record<FlakeService, string> = {
  caddy: "caddy",
  grafana: "grafana",
  victoriametrics: "victoriametrics",
  loki: "loki",
  alloy: "alloy",
  tailscale: "tailscale",
  openssh: "ssh",
  "homepage-dashboard": "homepage",
};

export type FlakeSource = {
  flakeDir: string;
  /** The inventory machine the flake was evaluated on (becomes the build host of new machines). */
  evaluatedOn: string;
  machines: FlakeMachines;
  nodes: DeployNodes | null;
};

function machineCandidates(src: FlakeSource): MachineCandidate[] {
  return Object.keys(src.machines)
    .sort()
    .map((name) => {
      const m = src.machines[name];
      const node = src.nodes?.[name];
      const notes = node ? [] : [{ level: "note" as const, text: "No deploy-rs node: SSH host and user left empty (not deployable)." }];
      return {
        name,
        path: `nixosConfigurations.${name}`,
        owned: { system: m.system ?? undefined, flakeAttr: name },
        create: {
          role: "other",
          description: "Imported from the flake.",
          flakeDir: src.flakeDir,
          buildHost: src.evaluatedOn === name ? null : src.evaluatedOn,
          sshHost: node?.hostname ?? null,
          sshUser: node?.sshUser ?? null,
          deployable: Boolean(node?.hostname && node.sshUser),
        },
        notes,
      };
    });
}

function serviceCandidates(src: FlakeSource, inventory: InventorySnapshot, machines: Set<string>): ServiceCandidateIn[] {
  const out: ServiceCandidateIn[] = [];
  const claimed = new Set<string>();
  for (const name of Object.keys(src.machines).sort()) {
    if (!machines.has(name)) continue;
    for (const option of FLAKE_SERVICES) {
      if (src.machines[name].services[option] !== true) continue;
      const seed = seedServices.find((s) => s.slug === SEED_SLUG[option]);
      if (!seed) continue;
      const match = (s: { unit: string | null; machine: string | null }) => s.unit === seed.unit && s.machine === name;
      const existing = inventory.services.find(match);
      const plain = inventory.services.find((s) => s.slug === seed.slug);
      // The seed's id when it is free (or an unplaced service with that id); else "<id>-<machine>".
      const free = !claimed.has(seed.slug) && (!plain || plain.machine === null);
      const own = existing?.slug ?? (free ? seed.slug : `${seed.slug}-${name}`);
      claimed.add(own);
      out.push({
        slug: own,
        path: `nixosConfigurations.${name}.config.services.${option}`,
        line: null,
        match,
        values: { unit: seed.unit, machine: name },
        create: {
          name: own === seed.slug ? seed.name : `${seed.name} (${name})`,
          groupName: seed.groupName,
          icon: seed.icon,
          description: seed.description,
          docsUrl: seed.docsUrl,
          ports: seed.ports,
        },
        notes:
          existing || plain
            ? []
            : [
                {
                  level: "note",
                  text: "New: no link or health check (the flake does not say where it is reachable); add them in the form.",
                },
              ],
      });
    }
  }
  return out;
}

export function planFlake(src: FlakeSource, inventory: InventorySnapshot): Planned {
  const candidates = machineCandidates(src);
  const invalid = candidates.filter((c) => !MACHINE_NAME.test(c.name)).map((c) => c.name);
  const m = planMachines(candidates, inventory.machines);
  const known = new Set([...inventory.machines.map((x) => x.name), ...m.ops.map((o) => o.name)]);
  const s = planServices(serviceCandidates(src, inventory, known), inventory.services, known);
  const warnings = inventory.machines
    .filter((x) => !(x.name in src.machines) && !(x.flakeAttr && x.flakeAttr in src.machines))
    .map((x) => `${x.name} is in the inventory but not in the flake; it is left as it is.`);
  if (invalid.length) warnings.push(`Not imported (not valid machine names): ${invalid.join(", ")}.`);
  const entries = [...m.entries, ...s.entries];
  const plan: ImportPlan = { source: "flake", entries, counts: countActions(entries), warnings };
  return { plan, ops: s.ops, machineOps: m.ops };
}
