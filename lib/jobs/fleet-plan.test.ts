// The fleet plan against a real inventory (temporary SQLite): builders, the exact command line the
// deploy job sends (rendered by the real builder and quoting helper), and refusals that name each
// machine and refuse the whole fleet.
import { beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../errors";
import { useTestDatabase } from "../test/db";
import { acceptedTargets, fleetPlanOf, fleetSelection, resolveMachines, selectedNames } from "./fleet-plan";

const tdb = useTestDatabase();
const FP = "SHA256:XkMEwxx0B0yPhtrXhtn5z3wpGQmFKGRn8y48MX7tsHk";
const base = { system: "x86_64-linux", role: "production", sshUser: "admin", hostKeyFingerprint: FP };
const idle = () => ({ running: null, waiting: [] });

beforeAll(async () => {
  const rows: Record<string, Record<string, unknown>> = {
    frame1: { sshHost: "10.0.0.1", flakeDir: "/home/admin/homelab" },
    frame2: { sshHost: "10.0.0.2", buildHost: "frame1", flakeDir: "/home/admin/homelab" },
    frame3: { sshHost: "10.0.0.3", buildHost: "frame1", flakeDir: "/srv/flake", deployCommand: "/run/current-system/sw/bin/deploy" },
    iso: { sshHost: null, sshUser: null },
    frozen: { sshHost: "10.0.0.4", deployable: false },
  };
  for (const [name, data] of Object.entries(rows)) await tdb.client().machine.create({ data: { ...base, name, ...data } });
});

describe("fleet plan", () => {
  it("names each machine's builder and the exact command line, quoted once", async () => {
    const resolved = await resolveMachines(tdb.client(), ["frame1", "frame2", "frame3"], "/keys/id");
    const plan = fleetPlanOf(resolved, (m) => (m === "frame2" ? { running: { id: 7, kind: "deploy" }, waiting: [9] } : idle()));
    expect(plan.refused).toEqual([]);
    expect(plan.machines).toEqual([
      {
        machine: "frame1",
        ok: true,
        builder: "frame1",
        builderAddress: "admin@10.0.0.1:22",
        commandLine:
          "nix --extra-experimental-features 'nix-command flakes' --option eval-cache false run '/home/admin/homelab#deploy' -- '/home/admin/homelab#frame1' -- --option eval-cache false",
        waitingFor: null,
      },
      {
        machine: "frame2",
        ok: true,
        builder: "frame1",
        builderAddress: "admin@10.0.0.1:22",
        commandLine:
          "nix --extra-experimental-features 'nix-command flakes' --option eval-cache false run '/home/admin/homelab#deploy' -- '/home/admin/homelab#frame2' -- --option eval-cache false",
        waitingFor: { id: 7, kind: "deploy" },
      },
      {
        machine: "frame3",
        ok: true,
        builder: "frame1",
        builderAddress: "admin@10.0.0.1:22",
        commandLine: "/run/current-system/sw/bin/deploy '/srv/flake#frame3' -- --option eval-cache false",
        waitingFor: null,
      },
    ]);
  });

  it("refuses machines without SSH, not deployable, unknown or chosen twice, naming each; nothing is accepted", async () => {
    const resolved = await resolveMachines(tdb.client(), ["frame1", "iso", "frozen", "ghost", "frame1"], "/keys/id");
    const plan = fleetPlanOf(resolved, idle);
    expect(plan.refused).toEqual(["iso", "frozen", "ghost", "frame1"]);
    expect(plan.machines.filter((e) => !e.ok)).toEqual([
      { machine: "iso", ok: false, refusal: "iso has no SSH host or user in the inventory." },
      { machine: "frozen", ok: false, refusal: "not deployable (inventory)" },
      { machine: "ghost", ok: false, refusal: 'No machine named "ghost".' },
      { machine: "frame1", ok: false, refusal: "chosen twice" },
    ]);
    let err: unknown;
    try {
      acceptedTargets(resolved, plan);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toMatch(/^Not deploying: iso, frozen, ghost, frame1 cannot be deployed/);
    expect((err as ValidationError).fields).toMatchObject({ iso: expect.any(String), frozen: "not deployable (inventory)" });
  });

  it("'all' means every deployable machine with SSH, by name", async () => {
    expect(await selectedNames(tdb.client(), { all: true })).toEqual(["frame1", "frame2", "frame3"]);
  });

  it("the selection refuses hostile and oversized input", () => {
    expect(fleetSelection.safeParse({ machines: ["-oProxyCommand=x"] }).success).toBe(false);
    expect(fleetSelection.safeParse({ machines: [] }).success).toBe(false);
    expect(fleetSelection.safeParse({ machines: Array.from({ length: 21 }, (_, i) => `m${i}`) }).success).toBe(false);
    expect(fleetSelection.safeParse({ all: false }).success).toBe(false);
    expect(fleetSelection.safeParse({ machines: ["frame1"], extra: 1 }).success).toBe(false);
  });
});
