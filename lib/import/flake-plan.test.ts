import { describe, expect, it } from "vitest";
import { seedMachines, seedServices } from "@/lib/db/seed-data";
import { machineSnapshot, type InventorySnapshot } from "./snapshot";
import type { ServiceSnapshot } from "./model/candidate";
import { machinesOutput } from "./flake/eval-output";
import { planFlake, type FlakeSource } from "./flake-plan";

// The shape `nix eval --json` printed for the lab flake (captured), plus enabled services.
const machines = machinesOutput.parse({
  frame1: { hostName: "frame1", system: "x86_64-linux", services: { caddy: true, grafana: true, openssh: true, loki: false } },
  frame2: { hostName: "frame2", system: "x86_64-linux", services: { grafana: true, tailscale: true } },
});
const nodes = { frame1: { hostname: "10.231.1.2", sshUser: "admin" }, frame2: { hostname: "10.231.2.2", sshUser: "admin" } };
const src: FlakeSource = { flakeDir: "/home/admin/homelab", evaluatedOn: "frame1", machines, nodes };

const seeded: InventorySnapshot = {
  machines: seedMachines.map((m) =>
    machineSnapshot({ ...m, flakeDir: "/home/admin/homelab", deployCommand: "nix-run", buildHost: null, neverBuilds: false }),
  ),
  services: seedServices.map((s): ServiceSnapshot => ({ ...s, machine: "frame1" })),
};

describe("planFlake", () => {
  it("against the seeded inventory: frame1's services are already there; frame2 and its services are new", () => {
    const { plan, ops, machineOps } = planFlake(src, seeded);
    expect(plan.entries.map((e) => `${e.action} ${e.kind} ${e.key}`)).toEqual([
      "unchanged machine frame1",
      "add machine frame2",
      "unchanged service caddy",
      "unchanged service grafana",
      "unchanged service ssh",
      "add service grafana-frame2",
      "add service tailscale-frame2",
    ]);
    expect(machineOps?.[0].input).toMatchObject({
      name: "frame2",
      sshHost: "10.231.2.2",
      sshUser: "admin",
      deployable: true,
      buildHost: "frame1",
      role: "other",
    });
    expect(ops.map((o) => [o.slug, o.input.name, o.input.unit, o.input.ports, o.input.machine])).toEqual([
      ["grafana-frame2", "Grafana (frame2)", "grafana.service", "3001/tcp", "frame2"],
      ["tailscale-frame2", "Tailscale (frame2)", "tailscaled.service", "41641/udp", "frame2"],
    ]);
    expect(plan.warnings).toEqual([
      "frame1-vm is in the inventory but not in the flake; it is left as it is.",
      "installer-iso is in the inventory but not in the flake; it is left as it is.",
    ]);
  });

  it("into an empty inventory the first machine gets the seed ids; a service moved off its machine is changed back", () => {
    const empty = planFlake(src, { machines: [], services: [] });
    expect(empty.ops.map((o) => o.slug)).toEqual(["caddy", "grafana", "ssh", "grafana-frame2", "tailscale"]);
    const moved = { ...seeded, services: seeded.services.map((s) => (s.slug === "caddy" ? { ...s, machine: null } : s)) };
    const entry = planFlake(src, moved).plan.entries.find((e) => e.key === "caddy");
    expect(entry).toMatchObject({ action: "change", changes: [{ field: "machine", from: "", to: "frame1" }] });
  });

  it("a changed system is a change of the machine", () => {
    const other = { ...src, machines: { ...machines, frame1: { ...machines.frame1, system: "aarch64-linux" } } };
    const entry = planFlake(other, seeded).plan.entries[0];
    expect(entry).toMatchObject({
      key: "frame1",
      action: "change",
      changes: [{ field: "system", from: "x86_64-linux", to: "aarch64-linux" }],
    });
  });
});
