// bench:fleet's inventory: 50 machines and 500 services in a fresh panel database, migrated and seeded
// by the panel's own code. The lab hosts are the reachable machines (their pinned host keys); every
// other machine sits on an address of bench/fleet-net.ts: half black-holed (connects time out),
// half answered with "host unreachable". Services check a loopback stub that answers 200, except
// one per unreachable machine that checks the machine itself (down, as on a dead host).
import type { LabInfo } from "../e2e/lab";
import { createDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { seedOnce } from "../lib/db/seed";
import { BLACKHOLE_NET, UNREACHABLE_NET } from "./fleet-net";

export const MACHINES = 50;
export const SERVICES = 500;

export type FleetInventory = { reachable: string[]; blackholed: string[]; unroutable: string[]; machines: number; services: number };

export async function prepareFleetDatabase(file: string, info: LabInfo, stubOrigin: string): Promise<FleetInventory> {
  const url = `file:${file}`;
  await migrate(url);
  const db = createDb(url);
  try {
    await seedOnce(db);
    const reachable: string[] = [];
    for (const host of info.hosts) {
      const data = {
        sshHost: host.address,
        sshUser: "admin",
        sshPort: host.sshPort,
        hostKeyFingerprint: host.hostKeyFingerprint,
        flakeAttr: host.name,
        deployable: true,
        ...(host.name === "frame1" ? {} : { buildHost: "frame1" }),
        ...(host.name === "frame3" ? { neverBuilds: true } : {}), // the lab's weak device
      };
      await db.machine.upsert({
        where: { name: host.name },
        update: data,
        create: { name: host.name, system: "x86_64-linux", role: "testing", description: "lab host", ...data },
      });
      reachable.push(host.name);
    }
    const blackholed: string[] = [];
    const unroutable: string[] = [];
    const missing = MACHINES - (await db.machine.count());
    for (let i = 1; i <= missing; i++) {
      const dead = i % 2 === 1;
      const name = `${dead ? "off" : "gone"}-${String(i).padStart(2, "0")}`;
      (dead ? blackholed : unroutable).push(name);
      await db.machine.create({
        data: {
          name,
          system: "x86_64-linux",
          role: "other",
          description: "bench:fleet: an address that does not answer",
          sshHost: `${dead ? BLACKHOLE_NET : UNREACHABLE_NET}.${i}`,
          sshUser: "admin",
          deployable: false,
        },
      });
    }
    const machines = await db.machine.findMany({ select: { id: true, name: true, sshHost: true }, orderBy: { id: "asc" } });
    const unreachable = new Set([...blackholed, ...unroutable]);
    // The seeded services check the stub too (their homelab URLs are outside the lab).
    await db.service.updateMany({ data: { checkType: "http", checkTarget: `${stubOrigin}/seeded` } });
    const existing = await db.service.count();
    const rows = [];
    for (let i = 0; i < SERVICES - existing; i++) {
      const m = machines[i % machines.length];
      const firstOnDeadMachine = unreachable.has(m.name) && i < machines.length;
      rows.push({
        slug: `svc-${String(i).padStart(3, "0")}`,
        name: `Service ${i}`,
        groupName: `Group ${i % 12}`,
        machineId: m.id,
        unit: i % 3 === 0 ? "caddy.service" : null,
        checkType: firstOnDeadMachine ? "tcp" : "http",
        checkTarget: firstOnDeadMachine ? `${m.sshHost}:80` : `${stubOrigin}/svc-${i}`,
        sortOrder: i,
      });
    }
    await db.service.createMany({ data: rows });
    return { reachable, blackholed, unroutable, machines: await db.machine.count(), services: await db.service.count() };
  } finally {
    await db.$disconnect();
  }
}
