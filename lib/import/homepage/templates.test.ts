// {{HOMEPAGE_VAR_*}} / {{HOMEPAGE_FILE_*}}: filled in the raw text before the YAML is read, as
// Homepage's substituteEnvironmentVars() does, or kept as written (and marked) without a value.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { homepageCandidates, ImportSyntaxError, type TemplateValues } from ".";
import { planHomepage } from "../plan-homepage";
import { parseEnvFile, templatesFromUploads } from "./env-file";

const empty = { machines: [], services: [] };
const YAML = `- Remote:
    - Paperless:
        href: {{HOMEPAGE_VAR_PAPERLESS_URL}}
        description: {{HOMEPAGE_VAR_PAPERLESS_NOTE}}
        siteMonitor: "{{HOMEPAGE_VAR_PAPERLESS_URL}}/api/"
        ping: '{{HOMEPAGE_VAR_PAPERLESS_HOST}}:8000'
    - Router:
        href: https://{{HOMEPAGE_VAR_ROUTER_HOST}}/
        description: Upstream ({{ HOMEPAGE_VAR_ISP }})
`;
const values = (v: Record<string, string>): TemplateValues => ({ values: v });
const byPath = (text: string, t?: TemplateValues) =>
  Object.fromEntries(homepageCandidates(text, "services", t).candidates.map((c) => [c.path, c]));

let warn: ReturnType<typeof vi.spyOn>;
let log: ReturnType<typeof vi.spyOn>;
let emit: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, "warn");
  log = vi.spyOn(console, "log");
  emit = vi.spyOn(process, "emitWarning");
});
afterEach(() => {
  // The yaml library's warnings (e.g. "Keys with collection values will be stringified") never reach the console.
  expect(warn).not.toHaveBeenCalled();
  expect(log).not.toHaveBeenCalled();
  expect(emit).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe("templates with values (an env file)", () => {
  const t = values({
    HOMEPAGE_VAR_PAPERLESS_URL: "https://paper.lan",
    HOMEPAGE_VAR_PAPERLESS_NOTE: "Documents, scanned",
    HOMEPAGE_VAR_PAPERLESS_HOST: "paper.lan",
    HOMEPAGE_VAR_ROUTER_HOST: "192.168.1.1",
    HOMEPAGE_VAR_ISP: "never used",
  });

  it("fills unquoted, double- and single-quoted templates before parsing", () => {
    const c = byPath(YAML, t);
    expect(c["Remote / Paperless"].values).toMatchObject({
      url: "https://paper.lan",
      checkType: "http",
      checkTarget: "https://paper.lan/api/",
    });
    expect(c["Remote / Router"].values.url).toBe("https://192.168.1.1/");
    expect(c["Remote / Paperless"].notes.map((n) => n.text)).toEqual([
      "ping paper.lan:8000: the HTTP check from siteMonitor is used instead.",
    ]);
  });

  it("a value with ': ' breaks the YAML there, as in Homepage, and the error names the variable", () => {
    expect(byPath(YAML, t)["Remote / Paperless"].values.description).toBe("Documents, scanned");
    const bad = values({ ...t.values, HOMEPAGE_VAR_PAPERLESS_NOTE: "Documents: scanned" });
    let err: unknown;
    try {
      homepageCandidates(YAML, "services", bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImportSyntaxError);
    expect((err as ImportSyntaxError).message).toMatch(/\{\{HOMEPAGE_VAR_PAPERLESS_NOTE\}\} on this line was filled in/);
    expect((err as ImportSyntaxError).message).toMatch(/^Line 4, column \d+: /);
    expect((err as ImportSyntaxError).line).toBe(4);
  });

  it("leaves `{{ HOMEPAGE_VAR_X }}` with spaces as written (Homepage fills only the exact form) and says so", () => {
    const { candidates, warnings } = homepageCandidates(YAML, "services", t);
    expect(candidates[1].values.description).toBe("Upstream ({{ HOMEPAGE_VAR_ISP }})");
    expect(warnings).toContain(
      "{{ HOMEPAGE_VAR_ISP }}: Homepage fills only {{HOMEPAGE_VAR_NAME}} without spaces inside the braces, so these stay as written.",
    );
    expect(warnings[0]).toBe(
      "Filled in from the environment, as Homepage does: HOMEPAGE_VAR_PAPERLESS_URL, HOMEPAGE_VAR_PAPERLESS_NOTE, HOMEPAGE_VAR_PAPERLESS_HOST, HOMEPAGE_VAR_ROUTER_HOST.",
    );
  });

  it("keeps line numbers of the text as written when a value spans lines (HOMEPAGE_FILE_ contents end with a newline)", () => {
    const text = `- A:\n    - One:\n        href: {{HOMEPAGE_FILE_URL}}\n    - Two:\n        href: https://two.lan\n`;
    const c = byPath(text, values({ HOMEPAGE_FILE_URL: "https://one.lan\n\n\n" }));
    expect(c["A / One"]).toMatchObject({ line: 2, values: { url: "https://one.lan" } });
    expect(c["A / Two"]).toMatchObject({ line: 4, values: { url: "https://two.lan" } });
  });
});

describe("templates without a value", () => {
  it("unquoted templates parse as text (never a YAML flow map, never [object Object]) and stay visible", () => {
    const c = byPath(YAML);
    const p = c["Remote / Paperless"];
    expect(p.values.description).toBe("{{HOMEPAGE_VAR_PAPERLESS_NOTE}}");
    expect(JSON.stringify(c)).not.toContain("[object Object]");
    // A bare template is no link and no check: not stored, with the reason.
    expect(p.values.url).toBeUndefined();
    expect(p.values.checkType).toBeUndefined();
    expect(p.notes.map((n) => n.text)).toEqual([
      "href {{HOMEPAGE_VAR_PAPERLESS_URL}} is a Homepage template with no value, not a URL the panel can open; the link was left as it is in the inventory.",
      "description keeps its Homepage template as written (no value for it).",
      "ping {{HOMEPAGE_VAR_PAPERLESS_HOST}}:8000: the HTTP check from siteMonitor is used instead.",
      "siteMonitor {{HOMEPAGE_VAR_PAPERLESS_URL}}/api/: a Homepage template with no value (or not text) cannot be checked; no health check was created.",
    ]);
    // A template inside a URL the inventory accepts is kept as written, marked.
    expect(c["Remote / Router"].values.url).toBe("https://{{HOMEPAGE_VAR_ROUTER_HOST}}/");
    expect(c["Remote / Router"].notes[0]).toEqual({
      level: "note",
      text: "href https://{{HOMEPAGE_VAR_ROUTER_HOST}}/ keeps its Homepage template as written (no value for it); the panel does not substitute it.",
    });
  });

  it("templates in keys and widget fields come back as written too", () => {
    const text = `- {{HOMEPAGE_VAR_GROUP}}:\n    - Svc:\n        href: http://svc.lan\n        widget:\n          type: {{HOMEPAGE_VAR_TYPE}}\n          key: {{HOMEPAGE_VAR_KEY}}\n`;
    const { candidates } = homepageCandidates(text, "services");
    expect(candidates[0]).toMatchObject({ path: "{{HOMEPAGE_VAR_GROUP}} / Svc", values: { groupName: "{{HOMEPAGE_VAR_GROUP}}" } });
    expect(candidates[0].notes).toEqual([
      { level: "skipped", text: 'widget "{{HOMEPAGE_VAR_TYPE}}": the panel does not show Homepage widgets.' },
    ]);
  });

  it("the plan lists the variables that had no value", () => {
    const { plan } = planHomepage(YAML, "services", empty);
    expect(plan.warnings[0]).toBe(
      "No value for HOMEPAGE_VAR_PAPERLESS_URL, HOMEPAGE_VAR_PAPERLESS_NOTE, HOMEPAGE_VAR_PAPERLESS_HOST, HOMEPAGE_VAR_ROUTER_HOST: where an imported field holds one, it is kept as written and marked on the entry.",
    );
    expect(plan.counts).toEqual({ add: 2, change: 0, unchanged: 0, skipped: 0 });
  });
});

describe("HOMEPAGE_FILE_ from a web upload", () => {
  const env = parseEnvFile(
    "# homepage.env\nexport HOMEPAGE_VAR_HOST=paper.lan\nHOMEPAGE_FILE_TOKEN=/run/secrets/token\nHOMEPAGE_FILE_MISSING=/run/secrets/gone\nTZ=Europe/Prague\n",
  );

  it("takes the contents of the uploaded file named like the path's last part, never a server path", () => {
    const t = templatesFromUploads(env, [
      { name: "token", text: "s3cret\n" },
      { name: "unrelated", text: "x" },
    ]);
    expect(t.values).toEqual({ HOMEPAGE_VAR_HOST: "paper.lan", HOMEPAGE_FILE_TOKEN: "s3cret\n" });
    expect(t.unresolved).toEqual({
      HOMEPAGE_FILE_MISSING:
        'it names the file /run/secrets/gone; upload a file called "gone" with the environment to use its contents (the web import does not read files on the server).',
    });
    const text = `- G:\n    - S:\n        href: https://{{HOMEPAGE_VAR_HOST}}/?t={{HOMEPAGE_FILE_TOKEN}}\n        description: "{{HOMEPAGE_FILE_MISSING}}"\n`;
    const { candidates, warnings } = homepageCandidates(text, "services", t);
    // Homepage puts the file's contents in as read (its trailing newline folds to a space in a plain scalar).
    expect(candidates[0].values.url).toBe("https://paper.lan/?t=s3cret");
    expect(candidates[0].values.description).toBe("{{HOMEPAGE_FILE_MISSING}}");
    expect(warnings).toContain(`No value for HOMEPAGE_FILE_MISSING: ${t.unresolved?.HOMEPAGE_FILE_MISSING}`);
  });
});
