// Real Homepage configuration files from public repositories, stored unedited (see
// lib/fixtures/real/SOURCES.md, "## homepage"). The .nix ones are evaluated in homepage-nix.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planHomepage } from "../plan-homepage";
import type { TemplateValues } from "./substitute";

const real = (name: string) => readFileSync(join(__dirname, "..", "..", "fixtures", "real", "homepage", name), "utf8");
const empty = { machines: [], services: [] };
const plan = (name: string, kind: "services" | "bookmarks" = "services", t?: TemplateValues) => planHomepage(real(name), kind, empty, t).plan;

describe("MrSnakeDoc/homelab-blueprint services.yaml: placeholder hosts and unquoted templates", () => {
  const p = plan("mrsnakedoc-homelab-blueprint-services.yaml");

  it("imports every service; links to https://x.<yourdomain>.<tld> are dropped with a note", () => {
    expect(p.counts).toEqual({ add: 20, change: 0, unchanged: 0, skipped: 0 });
    const adguard = p.entries.find((e) => e.path === "Network / AdGuard");
    expect(adguard?.notes.map((n) => n.text)).toEqual([
      "href https://adguard.<yourdomain>.<tld> is not an http(s) link the panel can open; the service is imported without it.",
      "ping adguard.<yourdomain>.<tld>: the panel checks TCP host:port and no port is known (no http(s) href to take it from); no health check was created.",
      'widget "adguard": the panel does not show Homepage widgets.',
      "Docker status (server my-docker, container adguard): the panel follows systemd units instead.",
      'field "target" is not used by the panel.',
    ]);
  });

  it("unquoted {{HOMEPAGE_VAR_*}} in widget fields parse (Homepage fills them before reading the YAML) and are listed", () => {
    expect(p.warnings[0]).toMatch(/^No value for HOMEPAGE_VAR_ADGUARD_USER, HOMEPAGE_VAR_ADGUARD_PASSWORD, .* and 6 more: /);
    expect(JSON.stringify(p)).not.toContain("[object Object]");
  });
});

describe("AJax2012/homelab services.yaml and bookmarks.yaml: hosts from HOMEPAGE_VAR_*", () => {
  it("without values: links keep the template (marked), checks are not created", () => {
    const p = plan("ajax2012-homelab-services.yaml");
    expect(p.counts).toEqual({ add: 13, change: 0, unchanged: 0, skipped: 0 });
    const gitea = p.entries.find((e) => e.path === "Developer / Gitea");
    expect(gitea?.notes[0].text).toBe("href https://{{HOMEPAGE_VAR_GITEA}} keeps its Homepage template as written (no value for it); the panel does not substitute it.");
  });

  it("with an env file: real links and HTTP checks", () => {
    const t: TemplateValues = { values: { HOMEPAGE_VAR_GITEA: "git.example.org", HOMEPAGE_VAR_GRAFANA: "grafana.example.org" } };
    const { plan: p, ops } = planHomepage(real("ajax2012-homelab-services.yaml"), "services", empty, t);
    expect(ops.find((o) => o.slug === "gitea")?.input).toMatchObject({ url: "https://git.example.org", checkType: "http", checkTarget: "https://git.example.org" });
    expect(p.entries.find((e) => e.key === "gitea")?.notes).toEqual([{ level: "skipped", text: 'widget "gitea": the panel does not show Homepage widgets.' }]);
    expect(p.warnings[0]).toBe("Filled in from the environment, as Homepage does: HOMEPAGE_VAR_GITEA, HOMEPAGE_VAR_GRAFANA.");
  });

  it("bookmarks", () => {
    const p = plan("ajax2012-homelab-bookmarks.yaml", "bookmarks", { values: { HOMEPAGE_VAR_GITHUB_USERNAME: "octocat" } });
    expect(p.entries.map((e) => [e.path, e.action])).toEqual([["Bookmarks / Github", "add"], ["Bookmarks / Gmail", "add"], ["Bookmarks / YouTube", "add"]]);
  });
});

describe("OhMyMndy/homelab services.yaml: fields at the same indent as the name", () => {
  it("one message for that entry (Homepage skips it too); the rest imports", () => {
    const p = plan("ohmymndy-homelab-services.yaml");
    expect(p.entries.map((e) => [e.path, e.action, e.line])).toEqual([
      ["My First Group / My First Service", "skipped", 4], ["My Second Group / My Second Service", "add", 8], ["My Third Group / Traefik", "add", 12],
    ]);
    expect(p.entries[0].reason).toMatch(/^The fields "href", "description" are written at the same indent as "My First Service", not under it/);
  });
});
