// A panel database aimed at the lab: migrated and seeded by the panel's own code, then frame1 and
// frame2 (frame1's test machine) and frame3 (the weak device built by frame1) point at the lab hosts with their pinned host keys. Used by `npm run demo` and by the
// e2e fixture that starts a panel against the lab (run as a child: it needs the server-only preload).
//   node --require ./scripts/server-only-preload.cjs --import tsx scripts/lab-db.ts <database file>
import { resolve } from "node:path";
import { lab, type LabInfo } from "../e2e/lab";

export async function prepareLabDatabase(databaseUrl: string, info: LabInfo): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  const { migrate } = await import("../lib/db/migrate");
  const { db } = await import("../lib/db/client");
  const { seedOnce } = await import("../lib/db/seed");
  await migrate(databaseUrl);
  await seedOnce(db());
  for (const host of info.hosts) {
    const data = {
      sshHost: host.address,
      sshUser: "admin",
      sshPort: host.sshPort,
      hostKeyFingerprint: host.hostKeyFingerprint,
      flakeAttr: host.name,
      deployable: true,
      // frame3 is the lab's weak device: it never builds; frame1 builds its system and copies it.
      ...(host.name === "frame3" ? { neverBuilds: true, buildHost: "frame1" } : {}),
    };
    await db().machine.upsert({
      where: { name: host.name },
      update: data,
      create: { name: host.name, system: "x86_64-linux", role: "testing", description: "lab host", ...data },
    });
  }
  // frame2 stands in for the test VM of frame1 (issue 16): promote takes frame1's revision from frame2's
  // deploys. A production machine has one test machine, so the seed's unreachable frame1-vm lets go.
  if (info.hosts.some((h) => h.name === "frame2")) {
    await db().machine.updateMany({ where: { testFor: "frame1" }, data: { testFor: null } });
    await db().machine.update({ where: { name: "frame2" }, data: { testFor: "frame1" } });
  }
  // The installer image (seeded without SSH: it is no host) is built on frame1 from the lab flake's
  // nixosConfigurations.installer-iso.
  if (info.hosts.some((h) => h.name === "frame1"))
    await db().machine.upsert({
      where: { name: "installer-iso" },
      update: { buildHost: "frame1", flakeAttr: "installer-iso", flakeDir: "/home/admin/homelab", deployable: false },
      create: {
        name: "installer-iso",
        system: "x86_64-linux",
        role: "installer",
        description: "Bootable installer image.",
        buildHost: "frame1",
        flakeAttr: "installer-iso",
        deployable: false,
      },
    });
  await db().$disconnect();
}

if (process.argv[1]?.endsWith("lab-db.ts")) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: lab-db.ts <database file>");
    process.exit(2);
  }
  lab
    .up()
    .then((info) => prepareLabDatabase(`file:${resolve(file)}`, info))
    .catch((err: unknown) => {
      console.error("[lab-db]", err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
