// Import from flake against the lab: the real `nix eval` over SSH on frame2, of the real lab flake
// (/home/admin/homelab) and of a small NixOS-shaped flake that enables services.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab, shQuote } from "@/e2e/lab";
import { useTestDatabase } from "../test/db";
import { createSshPool, type SshPool } from "../ssh/pool";
import { applyFlake, FlakeEvalError, previewFlake } from "./flake-import";
import { readHomepageFromFlake } from "./homepage-flake";
import { previewHomepage } from "./homepage-import";

const tdb = useTestDatabase();
let pool: SshPool;
const SCRATCH = `/tmp/panel-import-flake-${process.pid}`;

// A flake shaped like NixOS configurations (config.services.<name>.enable), with no inputs.
const FLAKE = `{
  outputs = { self }: let
    mk = services: { config = { nixpkgs.hostPlatform.system = "aarch64-linux"; inherit services; }; };
  in {
    nixosConfigurations = {
      web = mk {
        grafana.enable = true; loki.enable = false; openssh.enable = true;
        "homepage-dashboard" = {
          enable = true;
          services = [ { Media = [ { Jellyfin = { href = "http://web:8096"; siteMonitor = "http://web:8096/health"; widget = { type = "jellyfin"; key = "{{HOMEPAGE_VAR_JELLYFIN_KEY}}"; }; }; } ]; } ];
          bookmarks = [ { Docs = [ { "NixOS manual" = [ { abbr = "NM"; href = "https://nixos.org/manual/nixos/stable/"; } ]; } ]; } ];
        };
      };
      db = mk { grafana.enable = true; victoriametrics = { enable = true; retentionPeriod = "1y"; }; };
      "Bad_Name" = mk { };
    };
  };
}`;

beforeAll(async () => {
  const info = await lab.up();
  const fp = info.hosts.find((h) => h.name === "frame2")?.hostKeyFingerprint ?? null;
  await tdb.client().machine.create({
    data: {
      name: "frame2",
      system: "x86_64-linux",
      role: "testing",
      sshHost: "10.231.2.2",
      sshUser: "admin",
      flakeAttr: "frame2",
      hostKeyFingerprint: fp,
    },
  });
  pool = createSshPool({ keyFile: info.privateKeyPath, connectAttempts: 2 });
  await lab.run("frame2", `rm -rf ${SCRATCH} && mkdir -p ${SCRATCH} && printf %s ${shQuote(FLAKE)} > ${SCRATCH}/flake.nix`, "admin");
});

afterAll(async () => {
  pool?.closeAll();
  await lab.run("frame2", `rm -rf ${SCRATCH}`, "admin").catch(() => undefined);
});

describe("import from the lab flake on frame2", () => {
  it("plans the flake's machines from a real nix eval, applies them, and a second import changes nothing", async () => {
    const plan = await previewFlake({ machine: "frame2" }, { pool });
    const machines = plan.entries.filter((e) => e.kind === "machine");
    expect(machines.map((e) => [e.key, e.action])).toEqual([
      ["frame1", "add"],
      ["frame2", "unchanged"],
      ["frame3", "add"],
      // The installer image is a configuration with no deploy-rs node.
      ["installer-iso", "add"],
    ]);
    // The lab flake enables none of the NixOS services (its units are not NixOS options).
    expect(plan.entries.filter((e) => e.kind === "service")).toEqual([]);
    expect(await tdb.client().machine.count()).toBe(1);

    const applied = await applyFlake({ machine: "frame2" }, { pool });
    expect(applied.counts).toEqual({ add: 3, change: 0, unchanged: 1, skipped: 0 });
    const frame1 = await tdb.client().machine.findUnique({ where: { name: "frame1" } });
    // Host and user from the flake's deploy-rs nodes; built on the machine it was evaluated on.
    expect(frame1).toMatchObject({
      system: "x86_64-linux",
      flakeAttr: "frame1",
      sshHost: "10.231.1.2",
      sshUser: "admin",
      deployable: true,
      buildHost: "frame2",
      flakeDir: "/home/admin/homelab",
      role: "other",
      hostKeyFingerprint: null,
    });

    const again = await applyFlake({ machine: "frame2" }, { pool });
    expect(again.counts).toEqual({ add: 0, change: 0, unchanged: 4, skipped: 0 });
    expect(await tdb.client().machine.findUnique({ where: { name: "installer-iso" } })).toMatchObject({
      system: "x86_64-linux",
      sshHost: null,
      deployable: false,
    });
  });

  it("turns enabled services into services on their machines with the seed's units and ports", async () => {
    const plan = await previewFlake({ machine: "frame2", flakeDir: SCRATCH }, { pool });
    const rows = plan.entries.map((e) => [e.kind, e.key, e.action]);
    expect(rows).toEqual([
      ["machine", "Bad_Name", "skipped"],
      ["machine", "db", "add"],
      ["machine", "web", "add"],
      ["service", "grafana", "add"],
      ["service", "victoriametrics", "add"],
      ["service", "grafana-web", "add"],
      ["service", "ssh", "add"],
      ["service", "homepage", "add"],
    ]);
    expect(plan.entries[0].reason).toMatch(/^Invalid: name: Use 1-63 lower-case letters/);
    expect(plan.warnings).toContain("frame1 is in the inventory but not in the flake; it is left as it is.");

    await applyFlake({ machine: "frame2", flakeDir: SCRATCH }, { pool });
    const web = await tdb.client().machine.findUnique({ where: { name: "web" }, include: { services: { orderBy: { slug: "asc" } } } });
    expect(web).toMatchObject({ system: "aarch64-linux", flakeDir: SCRATCH, sshHost: null, deployable: false });
    expect(web?.services.map((s) => [s.slug, s.unit, s.ports])).toEqual([
      ["grafana-web", "grafana.service", "3001/tcp"],
      ["homepage", "homepage-dashboard.service", "3000/tcp"],
      ["ssh", "sshd.service", "22/tcp"],
    ]);
    const again = await previewFlake({ machine: "frame2", flakeDir: SCRATCH }, { pool });
    expect(again.counts).toEqual({ add: 0, change: 0, unchanged: 7, skipped: 1 });
  });

  it("a flake that does not evaluate is refused with nix's message and changes nothing", async () => {
    const before = await tdb.client().machine.count();
    const err = await applyFlake({ machine: "frame2", flakeDir: `${SCRATCH}/missing` }, { pool }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlakeEvalError);
    expect((err as Error).message).toMatch(/^nix eval failed: .*exited with status 1/);
    expect(await tdb.client().machine.count()).toBe(before);
  });

  it("reads services.homepage-dashboard of a machine for the Homepage import", async () => {
    const text = await readHomepageFromFlake({ machine: "frame2", attr: "web", flakeDir: SCRATCH }, { pool });
    const plan = await previewHomepage(text, "services");
    expect(plan.entries.map((e) => [e.path, e.key, e.action, e.line])).toEqual([["Media / Jellyfin", "jellyfin", "add", 6]]);
    expect(plan.entries[0].notes).toEqual([{ level: "skipped", text: 'widget "jellyfin": the panel does not show Homepage widgets.' }]);
    expect((await previewHomepage(text, "bookmarks")).entries.map((e) => e.path)).toEqual(["Docs / NixOS manual"]);
    // The lab flake's machines have no Homepage: two empty lists.
    expect(JSON.parse(await readHomepageFromFlake({ machine: "frame2", attr: "frame1" }, { pool }))).toEqual({
      services: [],
      bookmarks: [],
    });
  });
});
