import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import { seedOnce, SEED_MARKER } from "./seed";
import { seedMachines, seedServices } from "./seed-data";
import { deleteService, getService, updateService } from "./services";
import { machineInput } from "../validation/machine";
import { serviceInput } from "../validation/service";

const SERVICE_UNITS = {
  caddy: "caddy.service",
  homepage: "homepage-dashboard.service",
  grafana: "grafana.service",
  victoriametrics: "victoriametrics.service",
  loki: "loki.service",
  alloy: "alloy.service",
  tailscale: "tailscaled.service",
  ssh: "sshd.service",
};

describe("seedOnce on a fresh database", () => {
  const t = useTestDatabase();

  it("creates the three machines with their addresses", async () => {
    expect(await seedOnce(t.client())).toEqual({ seeded: true });
    const machines = await t.client().machine.findMany({ orderBy: { name: "asc" } });
    expect(machines.map((m) => m.name)).toEqual(["frame1", "frame1-vm", "installer-iso"]);
    const [frame1, vm, iso] = machines;
    expect(frame1).toMatchObject({
      system: "x86_64-linux",
      role: "production",
      sshUser: "admin",
      sshHost: "frame1",
      sshPort: 22,
      flakeAttr: "frame1",
      deployable: true,
    });
    expect(vm).toMatchObject({
      system: "aarch64-linux",
      role: "testing",
      sshUser: "root",
      sshHost: "localhost",
      sshPort: 2222,
      flakeAttr: "frame1-vm",
      deployable: true,
    });
    expect(iso).toMatchObject({ system: "x86_64-linux", role: "installer", sshHost: null, sshUser: null, deployable: false });
  });

  it("creates the eight services, all on frame1, in seed order", async () => {
    const services = await t.client().service.findMany({ orderBy: { sortOrder: "asc" }, include: { machine: true } });
    expect(services).toHaveLength(8);
    expect(Object.fromEntries(services.map((s) => [s.slug, s.unit]))).toEqual(SERVICE_UNITS);
    expect(services.map((s) => s.slug)).toEqual(Object.keys(SERVICE_UNITS));
    expect(services.map((s) => s.sortOrder)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(services.map((s) => s.machine?.name))).toEqual(new Set(["frame1"]));
    expect(services.find((s) => s.slug === "caddy")).toMatchObject({
      name: "Caddy",
      ports: "80/tcp, 443/tcp",
      checkType: "tcp",
      checkTarget: "frame1:443",
    });
    expect(services.find((s) => s.slug === "tailscale")).toMatchObject({ ports: "41641/udp", checkType: "none", checkTarget: "" });
  });

  it("records the seed marker", async () => {
    const marker = await t.client().setting.findUnique({ where: { key: SEED_MARKER } });
    expect(marker?.value).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("a second run returns seeded:false and adds nothing", async () => {
    expect(await seedOnce(t.client())).toEqual({ seeded: false });
    expect(await t.client().machine.count()).toBe(3);
    expect(await t.client().service.count()).toBe(8);
    expect(await t.client().setting.count()).toBe(1);
  });
});

describe("seedOnce keeps the user's changes", () => {
  const t = useTestDatabase();

  it("an edit and a delete between two runs survive the second run", async () => {
    expect(await seedOnce(t.client())).toEqual({ seeded: true });

    const grafana = await getService("grafana");
    const edited = serviceInput.parse({
      slug: grafana.slug,
      name: grafana.name,
      groupName: grafana.groupName,
      icon: grafana.icon,
      description: "Edited by the user.",
      url: grafana.url,
      docsUrl: grafana.docsUrl,
      unit: grafana.unit,
      ports: grafana.ports,
      checkType: grafana.checkType,
      checkTarget: grafana.checkTarget,
      machine: "frame1",
    });
    await updateService("grafana", edited);
    await deleteService("loki");

    expect(await seedOnce(t.client())).toEqual({ seeded: false });
    expect((await getService("grafana")).description).toBe("Edited by the user.");
    expect(await t.client().service.findUnique({ where: { slug: "loki" } })).toBeNull();
    expect(await t.client().service.count()).toBe(7);
    expect(await t.client().machine.count()).toBe(3);
  });
});

describe("seed data", () => {
  it("every seeded machine passes the machine form's validation unchanged", () => {
    for (const m of seedMachines) {
      expect(machineInput.parse({ ...m })).toMatchObject({ name: m.name, sshHost: m.sshHost, sshPort: m.sshPort });
    }
  });

  it("every seeded service passes the service form's validation unchanged", () => {
    for (const s of seedServices) {
      const parsed = serviceInput.parse({ ...s, machine: "frame1" });
      expect(parsed).toMatchObject({ slug: s.slug, ports: s.ports, checkType: s.checkType, checkTarget: s.checkTarget });
    }
  });
});
