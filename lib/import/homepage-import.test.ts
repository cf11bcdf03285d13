import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derivedHomepage } from "../fixtures/derived/homepage/read.test-support";
import { useTestDatabase } from "../test/db";
import { seedOnce } from "../db/seed";
import { applyHomepage, previewHomepage } from "./homepage-import";

const t = useTestDatabase();
const fixture = (name: string) => readFileSync(join(__dirname, "homepage", "fixtures", name), "utf8");
const rows = () => t.client().service.findMany({ orderBy: { slug: "asc" }, include: { machine: { select: { name: true } } } });

describe("Homepage import against a real database", () => {
  it("previews without writing, applies once, and a second import changes nothing", async () => {
    await seedOnce(t.client());
    const before = await rows();
    const text = fixture("services-typical.yaml");

    const preview = await previewHomepage(text, "services");
    // grafana, victoriametrics and loki are seeded (same ids): changed; the other four are new.
    expect(preview.counts).toEqual({ add: 4, change: 3, unchanged: 0, skipped: 0 });
    const grafana = preview.entries.find((e) => e.key === "grafana");
    expect(grafana?.changes.map((c) => c.field)).toEqual(["description"]);
    const loki = preview.entries.find((e) => e.key === "loki");
    expect(loki?.changes).toEqual([
      { field: "description", from: "Log aggregation.", to: "Log aggregation" },
      { field: "checkType", from: "http", to: "tcp" },
      { field: "checkTarget", from: "https://logs.local.kaifer.dev/ready", to: "logs.local.kaifer.dev:443" },
    ]);
    expect(await rows()).toEqual(before);

    const applied = await applyHomepage(text, "services");
    expect(applied.counts).toEqual(preview.counts);
    const after = await rows();
    expect(after).toHaveLength(before.length + 4);
    const jellyfin = after.find((s) => s.slug === "jellyfin");
    expect(jellyfin).toMatchObject({
      name: "Jellyfin",
      groupName: "Media",
      icon: "box",
      checkType: "http",
      checkTarget: "http://media.lan:8096/health",
      machine: null,
    });
    // Fields Homepage does not know are kept: the seeded unit, ports and machine of Grafana.
    expect(after.find((s) => s.slug === "grafana")).toMatchObject({
      unit: "grafana.service",
      ports: "3001/tcp",
      machine: { name: "frame1" },
      description: "Dashboards over metrics and logs",
    });

    const again = await previewHomepage(text, "services");
    expect(again.counts).toEqual({ add: 0, change: 0, unchanged: 7, skipped: 0 });
    const second = await applyHomepage(text, "services");
    expect(second.counts).toEqual({ add: 0, change: 0, unchanged: 7, skipped: 0 });
    const final = await rows();
    expect(final.map(({ updatedAt: _u, ...r }) => r)).toEqual(after.map(({ updatedAt: _u, ...r }) => r));
    expect(final.map((r) => r.updatedAt.getTime())).toEqual(after.map((r) => r.updatedAt.getTime()));
  });

  it("matches an existing service by name when the id differs", async () => {
    await t.client().service.create({ data: { slug: "my-router", name: "Router", groupName: "Old" } });
    const plan = await applyHomepage(fixture("services-templates.yaml"), "services");
    expect(plan.entries.find((e) => e.path === "Remote / Router")).toMatchObject({ key: "my-router", action: "change" });
    expect(await t.client().service.count({ where: { slug: "router" } })).toBe(0);
    expect(await t.client().service.findUnique({ where: { slug: "my-router" } })).toMatchObject({ groupName: "Remote", url: null });
  });

  it("one name in two groups: both import with distinct ids, the inventory's own one is found by name and group, re-import changes nothing", async () => {
    // The seeded "Grafana" (Observability) is the file's Observability / Grafana; the Kids one is new.
    const text = [
      "- Observability:",
      "    - Grafana:",
      "        href: https://grafana.local.kaifer.dev",
      "- Kids:",
      "    - Grafana:",
      "        href: http://kids-grafana.lan",
      "    - tv:",
      "        name: Jellyfin",
      "        href: http://tv.lan",
      "- Media:",
      "    - Jellyfin:",
      "        href: http://jf.lan",
    ].join("\n");
    const first = await applyHomepage(text, "services");
    expect(first.entries.map((e) => [e.path, e.action, e.key])).toEqual([
      ["Observability / Grafana", "unchanged", "grafana"],
      ["Kids / Grafana", "add", "grafana-kids"],
      ["Kids / tv", "add", "jellyfin-kids"],
      // The first test imported Media / Jellyfin as "jellyfin": found again by name and group, its link changes.
      ["Media / Jellyfin", "change", "jellyfin"],
    ]);
    const named = await t.client().service.findMany({ where: { name: { in: ["Grafana", "Jellyfin"] } }, orderBy: { slug: "asc" } });
    expect(named.map((s) => [s.slug, s.name, s.groupName])).toEqual([
      ["grafana", "Grafana", "Observability"],
      ["grafana-kids", "Grafana", "Kids"],
      ["jellyfin", "Jellyfin", "Media"],
      ["jellyfin-kids", "Jellyfin", "Kids"],
    ]);
    const count = await t.client().service.count();
    const again = await applyHomepage(text, "services");
    expect(again.counts).toEqual({ add: 0, change: 0, unchanged: 4, skipped: 0 });
    expect(await t.client().service.count()).toBe(count);
  });

  it("template values from the environment are what is stored; without them the template is kept as written", async () => {
    const text =
      "- Remote:\n    - Paperless:\n        href: https://{{HOMEPAGE_VAR_PAPERLESS_HOST}}/\n        siteMonitor: {{HOMEPAGE_VAR_PAPERLESS_URL}}\n";
    await applyHomepage(text, "services");
    expect(await t.client().service.findUnique({ where: { slug: "paperless" } })).toMatchObject({
      url: "https://{{HOMEPAGE_VAR_PAPERLESS_HOST}}/",
      checkType: "none",
    });
    const plan = await applyHomepage(text, "services", {
      values: { HOMEPAGE_VAR_PAPERLESS_HOST: "paper.lan", HOMEPAGE_VAR_PAPERLESS_URL: "https://paper.lan/api/" },
    });
    expect(plan.entries[0].changes.map((c) => [c.field, c.to])).toEqual([
      ["url", "https://paper.lan/"],
      ["checkType", "http"],
      ["checkTarget", "https://paper.lan/api/"],
    ]);
    expect(await t.client().service.findUnique({ where: { slug: "paperless" } })).toMatchObject({
      url: "https://paper.lan/",
      checkType: "http",
      checkTarget: "https://paper.lan/api/",
    });
  });

  it("the derived configurations apply, and applying them again changes nothing", async () => {
    const files: [string, "services" | "bookmarks"][] = [
      ["services-placeholder-hosts.yaml", "services"],
      ["services-template-hosts.yaml", "services"],
      ["bookmarks-template-link.yaml", "bookmarks"],
      ["services-same-indent.yaml", "services"],
    ];
    for (const [name, kind] of files) {
      const first = await applyHomepage(derivedHomepage(name), kind);
      expect(first.counts.add, name).toBeGreaterThan(0);
      const before = await rows();
      const again = await applyHomepage(derivedHomepage(name), kind);
      expect(again.counts.add + again.counts.change, name).toBe(0);
      expect(await rows(), name).toEqual(before);
    }
  });

  it("malformed YAML changes nothing", async () => {
    const before = await rows();
    await expect(applyHomepage(fixture("malformed-tabs.yaml"), "services")).rejects.toThrow(/^Line 3/);
    expect(await rows()).toEqual(before);
  });
});
