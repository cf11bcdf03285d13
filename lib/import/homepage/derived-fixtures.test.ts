// Homepage configurations written here in the shapes people's real ones take (placeholder hosts,
// unquoted templates, hosts from HOMEPAGE_VAR_*, same-indent fields), with our own values: see
// lib/fixtures/derived/homepage/SOURCES.md. The .nix ones are evaluated in homepage-nix.test.ts.
import { describe, expect, it } from "vitest";
import { derivedHomepage } from "../../fixtures/derived/homepage/read.test-support";
import { planHomepage } from "../plan-homepage";
import type { TemplateValues } from "./substitute";

const empty = { machines: [], services: [] };
const plan = (name: string, kind: "services" | "bookmarks" = "services", t?: TemplateValues) =>
  planHomepage(derivedHomepage(name), kind, empty, t).plan;

describe("services-placeholder-hosts.yaml: placeholder hosts, unquoted templates, empty icons", () => {
  const p = plan("services-placeholder-hosts.yaml");

  it("imports every service; links to https://x.<yourdomain>.<tld> are dropped with a note", () => {
    expect(p.counts).toEqual({ add: 13, change: 0, unchanged: 0, skipped: 0 });
    const pihole = p.entries.find((e) => e.path === "Network / Pi-hole");
    expect(pihole?.notes.map((n) => n.text)).toEqual([
      "href https://pihole.<yourdomain>.<tld>/admin is not an http(s) link the panel can open; the service is imported without it.",
      "ping pihole.<yourdomain>.<tld>: the panel checks TCP host:port and no port is known (no http(s) href to take it from); no health check was created.",
      'widget "pihole": the panel does not show Homepage widgets.',
      "Docker status (server edge-docker, container pihole): the panel follows systemd units instead.",
      'field "target" is not used by the panel.',
    ]);
  });

  it("a placeholder siteMonitor makes no check, and an empty icon is the default one", () => {
    const { plan: p2, ops } = planHomepage(derivedHomepage("services-placeholder-hosts.yaml"), "services", empty);
    expect(p2.entries.find((e) => e.key === "caddy")?.notes.map((n) => n.text)).toContain(
      "siteMonitor https://proxy.<yourdomain>.<tld> is not an http(s) URL; no health check was created.",
    );
    expect(ops.find((o) => o.slug === "caddy")?.input).toMatchObject({ url: null, icon: "", checkType: "none", checkTarget: "" });
  });

  it("unquoted {{HOMEPAGE_VAR_*}} in widget fields parse (Homepage fills them before reading the YAML) and are listed", () => {
    expect(p.warnings).toEqual([
      "No value for HOMEPAGE_VAR_PIHOLE_APP_PASSWORD, HOMEPAGE_VAR_OPNSENSE_KEY, HOMEPAGE_VAR_OPNSENSE_SECRET, HOMEPAGE_VAR_GRAFANA_USER, HOMEPAGE_VAR_GRAFANA_PASS, HOMEPAGE_VAR_TRUENAS_KEY, HOMEPAGE_VAR_PAPERLESS_TOKEN, HOMEPAGE_VAR_FORGEJO_TOKEN, HOMEPAGE_VAR_IMMICH_KEY, HOMEPAGE_VAR_HASS_TOKEN: where an imported field holds one, it is kept as written and marked on the entry.",
    ]);
    expect(JSON.stringify(p)).not.toContain("[object Object]");
  });
});

describe("services-template-hosts.yaml and bookmarks-template-link.yaml: hosts from HOMEPAGE_VAR_*", () => {
  it("without values: links keep the template (marked), checks are not created, the list of names is cut", () => {
    const p = plan("services-template-hosts.yaml");
    expect(p.counts).toEqual({ add: 10, change: 0, unchanged: 0, skipped: 0 });
    const forgejo = p.entries.find((e) => e.path === "Code / Forgejo");
    expect(forgejo?.notes[0].text).toBe(
      "href https://{{HOMEPAGE_VAR_FORGEJO}} keeps its Homepage template as written (no value for it); the panel does not substitute it.",
    );
    expect(p.entries.find((e) => e.key === "paperless-ngx")?.notes[0].text).toBe(
      "href https://{{HOMEPAGE_VAR_PAPERLESS}}/documents?sort=created&reverse=1 keeps its Homepage template as written (no value for it); the panel does not substitute it.",
    );
    expect(p.warnings[0]).toMatch(
      /^No value for HOMEPAGE_VAR_FORGEJO, HOMEPAGE_VAR_FORGEJO_TOKEN, .*, HOMEPAGE_VAR_SYNCTHING and 2 more: /,
    );
  });

  it("with an env file: real links and HTTP checks", () => {
    const t: TemplateValues = {
      values: { HOMEPAGE_VAR_FORGEJO: "code.local.kaifer.dev", HOMEPAGE_VAR_DASHBOARDS: "grafana.local.kaifer.dev" },
    };
    const { plan: p, ops } = planHomepage(derivedHomepage("services-template-hosts.yaml"), "services", empty, t);
    expect(ops.find((o) => o.slug === "forgejo")?.input).toMatchObject({
      url: "https://code.local.kaifer.dev",
      checkType: "http",
      checkTarget: "https://code.local.kaifer.dev",
    });
    expect(p.entries.find((e) => e.key === "forgejo")?.notes).toEqual([
      { level: "skipped", text: 'widget "gitea": the panel does not show Homepage widgets.' },
    ]);
    expect(p.warnings[0]).toBe("Filled in from the environment, as Homepage does: HOMEPAGE_VAR_FORGEJO, HOMEPAGE_VAR_DASHBOARDS.");
  });

  it("bookmarks: a link with a template is filled in", () => {
    const { plan: p, ops } = planHomepage(derivedHomepage("bookmarks-template-link.yaml"), "bookmarks", empty, {
      values: { HOMEPAGE_VAR_FORGEJO_USER: "nora" },
    });
    expect(p.entries.map((e) => [e.path, e.action])).toEqual([
      ["Homelab / My repositories", "add"],
      ["Homelab / Tailnet machines", "add"],
      ["Homelab / NixOS options", "add"],
    ]);
    expect(ops.map((o) => o.input.url)).toEqual([
      "https://code.local.kaifer.dev/nora",
      "https://login.tailscale.com/admin/machines",
      "https://search.nixos.org/options",
    ]);
  });
});

describe("services-same-indent.yaml: fields at the same indent as the name", () => {
  it("one message for that entry (Homepage skips it too); the rest imports", () => {
    const p = plan("services-same-indent.yaml");
    expect(p.entries.map((e) => [e.path, e.action, e.line])).toEqual([
      ["Backups / Syncthing", "skipped", 4],
      ["Printing / CUPS", "add", 8],
      ["System / Glances", "add", 12],
    ]);
    expect(p.entries[0].reason).toMatch(/^The fields "href", "description" are written at the same indent as "Syncthing", not under it/);
  });
});
