import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { homepageCandidates, ImportSyntaxError } from ".";
import { planHomepage } from "../plan-homepage";
import type { InventorySnapshot } from "../snapshot";

const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name), "utf8");
const empty: InventorySnapshot = { machines: [], services: [] };
const byPath = (text: string, kind: "services" | "bookmarks" = "services") =>
  Object.fromEntries(homepageCandidates(text, kind).candidates.map((c) => [c.path, c]));
const noteTexts = (c: { notes: { level: string; text: string }[] }, level = "skipped") =>
  c.notes.filter((n) => n.level === level).map((n) => n.text);

describe("Homepage services.yaml (a typical multi-group file)", () => {
  const c = byPath(fixture("services-typical.yaml"));

  it("keeps groups, names, links and descriptions, and maps known icons", () => {
    expect(Object.keys(c)).toEqual([
      "Observability / Grafana",
      "Observability / VictoriaMetrics",
      "Observability / Loki",
      "Infrastructure / Proxmox",
      "Infrastructure / Pi-hole",
      "Infrastructure / Portainer",
      "Media / Jellyfin",
    ]);
    expect(c["Observability / Grafana"]).toMatchObject({
      slug: "grafana",
      line: 6,
      values: {
        name: "Grafana",
        groupName: "Observability",
        url: "https://grafana.local.kaifer.dev",
        description: "Dashboards over metrics and logs",
        icon: "chart",
      },
    });
    expect(c["Observability / VictoriaMetrics"].values.icon).toBe("database"); // si-victoriametrics
    expect(c["Observability / Loki"].values.icon).toBe("logs"); // loki.svg
    expect(c["Infrastructure / Portainer"].values.icon).toBe("server"); // mdi-docker-#2496ED
  });

  it("turns siteMonitor into an HTTP check and ping into a TCP check", () => {
    expect(c["Observability / Grafana"].values).toMatchObject({
      checkType: "http",
      checkTarget: "https://grafana.local.kaifer.dev/api/health",
    });
    expect(c["Observability / Loki"].values).toMatchObject({ checkType: "tcp", checkTarget: "logs.local.kaifer.dev:443" });
    expect(c["Infrastructure / Pi-hole"].values).toMatchObject({ checkType: "tcp", checkTarget: "192.168.1.2:80" });
    expect(c["Infrastructure / Proxmox"].values.checkType).toBeUndefined();
  });

  it("lists every widget and unsupported field as skipped", () => {
    expect(noteTexts(c["Infrastructure / Pi-hole"])).toEqual([
      'widget "pihole": the panel does not show Homepage widgets.',
      'widget "customapi": the panel does not show Homepage widgets.',
    ]);
    expect(noteTexts(c["Media / Jellyfin"])).toEqual(['widget "jellyfin": the panel does not show Homepage widgets.']);
    expect(noteTexts(c["Infrastructure / Portainer"]).join(" ")).toMatch(
      /Docker status \(server my-docker, container portainer\).*statusStyle/,
    );
  });

  it("plans seven adds against an empty inventory", () => {
    const { plan, ops } = planHomepage(fixture("services-typical.yaml"), "services", empty);
    expect(plan.counts).toEqual({ add: 7, change: 0, unchanged: 0, skipped: 0 });
    expect(ops.map((o) => o.slug)).toEqual(["grafana", "victoriametrics", "loki", "proxmox", "pi-hole", "portainer", "jellyfin"]);
  });
});

describe("nested groups, bookmarks and the Nix shape", () => {
  it("joins nested group names", () => {
    const c = byPath(fixture("services-nested.yaml"));
    expect(c["Home / Network / UniFi"].values.groupName).toBe("Home / Network");
    expect(c["Home / Storage / Backups / Restic REST"].values).toMatchObject({
      groupName: "Home / Storage / Backups",
      checkType: "tcp",
      checkTarget: "nas.lan:8000",
    });
    expect(Object.keys(c)).toHaveLength(4);
  });

  it("reads bookmarks.yaml (list of field maps under each name); abbr is reported", () => {
    const c = byPath(fixture("bookmarks.yaml"), "bookmarks");
    expect(c["Developer / NixOS Search"]).toMatchObject({
      line: 9,
      values: { url: "https://search.nixos.org/options", description: "Options and packages", groupName: "Developer" },
    });
    expect(noteTexts(c["Developer / Github"])).toEqual(['abbr "GH": tiles show an icon, not an abbreviation.']);
    expect(noteTexts(c["Social / Reddit"], "note")).toEqual(['icon "reddit.png" has no built-in match; the default icon is used.']);
  });

  it("reads services.homepage-dashboard as `nix eval --json` prints it (services or bookmarks)", () => {
    const text = fixture("nix-homepage.json");
    const s = byPath(text);
    expect(Object.keys(s)).toEqual(["Infrastructure / Caddy", "Infrastructure / SSH", "Observability / Grafana", "Observability / Alloy"]);
    expect(s["Infrastructure / SSH"].values).toMatchObject({ checkType: "tcp", checkTarget: "frame1:22", icon: "terminal" });
    expect(s["Observability / Alloy"].values.icon).toBe("pipeline"); // sh-grafana-alloy.svg
    expect(Object.keys(byPath(text, "bookmarks"))).toEqual(["Docs / NixOS manual"]);
    // A bare list (nix eval of .services) works the same.
    const list = JSON.stringify(JSON.parse(text).services);
    expect(Object.keys(byPath(list))).toEqual(Object.keys(s));
  });
});

describe("anchors, aliases and merge keys", () => {
  it("resolves *aliases and <<: merges like Homepage's YAML loader", () => {
    const c = byPath(fixture("services-anchors.yaml"));
    expect(c["Observability / Grafana (copy)"].values).toMatchObject({
      url: "https://grafana.lan",
      description: "Dashboards",
      icon: "chart",
    });
    expect(c["Observability / Prometheus"].values).toMatchObject({ url: "https://prometheus.lan", description: "Metrics", icon: "chart" });
    expect(c["Observability / Prometheus"].notes).toEqual([]);
  });
});

describe("templates and missing fields", () => {
  const c = byPath(fixture("services-templates.yaml"));

  it("keeps templates as written where the field can hold them and marks them", () => {
    expect(c["Remote / Paperless"].values.url).toBe("https://{{HOMEPAGE_VAR_PAPERLESS_HOST}}/");
    expect(c["Remote / Router"].values.description).toBe("Upstream router ({{HOMEPAGE_VAR_ISP}})");
    expect(noteTexts(c["Remote / Paperless"], "note")[0]).toMatch(/keeps its Homepage template/);
  });

  it("never probes or stores a bare template as a URL, and says so", () => {
    expect(c["Remote / Router"].values.url).toBeUndefined();
    expect(c["Remote / Router"].values.checkType).toBeUndefined();
    expect(noteTexts(c["Remote / Router"])).toHaveLength(2);
    expect(noteTexts(c["Remote / Immich"])[0]).toMatch(/^ping \{\{HOMEPAGE_VAR_IMMICH_HOST\}\}/);
  });

  it("the templated URLs pass the inventory's URL validation (plan adds all three)", () => {
    const { plan } = planHomepage(fixture("services-templates.yaml"), "services", empty);
    expect(plan.counts).toEqual({ add: 3, change: 0, unchanged: 0, skipped: 0 });
  });

  it("handles missing fields, and skips invalid entries with their path and reason", () => {
    const { plan } = planHomepage(fixture("services-missing-fields.yaml"), "services", empty);
    const row = (path: string) => plan.entries.find((e) => e.path === path);
    // Homepage skips a name with nothing under it ("Ensure required fields are present"): so does the import.
    expect(row("Misc / Only A Name")).toMatchObject({ action: "skipped", line: 2 });
    expect(row("Misc / Only A Name")?.reason).toMatch(/has no fields\. Homepage does not show/);
    expect(row("Misc / Link Only")).toMatchObject({ action: "add", key: "link-only" });
    expect(row("Misc / Weird Icon")?.notes[0].text).toMatch(/no built-in match/);
    // A link the panel cannot open is dropped with a note; the service itself is imported.
    expect(row("Misc / Bad Link")).toMatchObject({ action: "add", key: "bad-link", line: 10 });
    expect(noteTexts(row("Misc / Bad Link")!)).toEqual([
      "href not a url is not an http(s) link the panel can open; the service is imported without it.",
    ]);
    expect(row("Misc / 🎉")).toMatchObject({ action: "skipped", reason: "The name has no letters or digits to make an id from." });
    // One name in two groups: both are imported, each id naming its group.
    expect(row("Misc / Grafana")).toMatchObject({ action: "add", key: "grafana-misc" });
    expect(row("Observability / Grafana")).toMatchObject({ action: "add", key: "grafana-observability" });
    expect(plan.warnings).toEqual([
      expect.stringMatching(/^Line 16: group "Empty Group" is empty\. Homepage cannot load a services\.yaml with an empty group/),
    ]);
    expect(plan.counts).toEqual({ add: 5, change: 0, unchanged: 0, skipped: 2 });
  });

  it("reads an entry with a stray field beside its name as Homepage does: the name's own fields, one note", () => {
    const { plan } = planHomepage(fixture("services-misindented.yaml"), "services", empty);
    expect(plan.entries.map((e) => [e.path, e.action, e.line])).toEqual([
      ["Observability / Grafana", "add", 2],
      ["Observability / Loki", "add", 5],
      ["Observability", "skipped", 7],
    ]);
    expect(noteTexts(plan.entries[0])).toEqual([
      '"description" is written at the same indent as "Grafana" instead of under it: Homepage ignores it, and so does the import.',
    ]);
    expect(plan.entries[2].reason).toBe('Each entry must be "- Name:" with its fields, found the value "Just A String".');
  });
});

describe("malformed YAML is rejected with the line number", () => {
  const cases: [string, number, RegExp][] = [
    ["malformed-indent.yaml", 7, /^Line 7, column 1: /],
    ["malformed-tabs.yaml", 3, /^Line 3, column 1: Tabs are not allowed as indentation/],
    ["malformed-duplicate-key.yaml", 5, /^Line 5, column 9: Map keys must be unique/],
    ["malformed-top-level-map.yaml", 1, /^Line 1: The top level of services.yaml must be a list of groups/],
    ["malformed-unclosed-flow.yaml", 3, /^Line 3, column 5: Flow map/],
  ];
  for (const [file, line, message] of cases) {
    it(file, () => {
      let error: unknown;
      try {
        homepageCandidates(fixture(file), "services");
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ImportSyntaxError);
      expect((error as ImportSyntaxError).line).toBe(line);
      expect((error as Error).message).toMatch(message);
    });
  }

  it("a scalar top level is refused too; an empty file is an empty import", () => {
    expect(() => homepageCandidates("just text\n", "services")).toThrow(/^Line 1: The top level .* not the value "just text"/);
    expect(homepageCandidates("# nothing yet\n", "services")).toMatchObject({ candidates: [], warnings: ["No services found."] });
  });
});
