// `npm run import -- homepage …` as a user runs it: a real child process on a real (temporary,
// migrated) SQLite file, an env file with a HOMEPAGE_FILE_ variable, and a .nix file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../lib/test/db";

const t = useTestDatabase();
const root = resolve(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "import-cli-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const run = spawnSync(
    process.execPath,
    ["--require", "./scripts/server-only-preload.cjs", "--import", "tsx", "scripts/import.ts", ...args],
    {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, DATABASE_URL: t.url(), NIX_INSTANTIATE: "nix-instantiate", ...extraEnv },
    },
  );
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe("npm run import -- homepage", () => {
  it("fills templates from --env (HOMEPAGE_FILE_ read from disk, as Homepage reads it), previews, applies", async () => {
    writeFileSync(join(dir, "token"), "tok3n\n");
    writeFileSync(
      join(dir, "homepage.env"),
      `HOMEPAGE_VAR_HOST=paper.lan\nHOMEPAGE_FILE_TOKEN=${join(dir, "token")}\nHOMEPAGE_FILE_GONE=${join(dir, "gone")}\n`,
    );
    const services = join(dir, "services.yaml");
    writeFileSync(
      services,
      "- Docs:\n    - Paperless:\n        href: {{HOMEPAGE_VAR_HOST}}\n        siteMonitor: https://{{HOMEPAGE_VAR_HOST}}/?t={{HOMEPAGE_FILE_TOKEN}}\n        description: {{HOMEPAGE_FILE_GONE}}\n",
    );

    const preview = cli(["homepage", services, "--env", join(dir, "homepage.env")]);
    expect(preview.err).toBe("");
    expect(preview.code).toBe(0);
    expect(preview.out).toContain("+ add       Docs / Paperless [id paperless] (line 2)");
    expect(preview.out).toContain("skipped: href paper.lan is not an http(s) link the panel can open; the service is imported without it.");
    expect(preview.out).toContain("warning: Filled in from the environment, as Homepage does: HOMEPAGE_VAR_HOST, HOMEPAGE_FILE_TOKEN.");
    expect(preview.out).toContain(
      `warning: No value for HOMEPAGE_FILE_GONE: it names the file ${join(dir, "gone")}, which cannot be read (ENOENT).`,
    );
    expect(await t.client().service.count({ where: { slug: "paperless" } })).toBe(0);

    const applied = cli(["homepage", services, "--env", join(dir, "homepage.env"), "--apply"]);
    expect(applied.code).toBe(0);
    expect(applied.out).toMatch(/Applied: 1 added, 0 changed, 0 unchanged, 0 skipped\.$/m);
    expect(await t.client().service.findUnique({ where: { slug: "paperless" } })).toMatchObject({
      url: null,
      checkType: "http",
      checkTarget: "https://paper.lan/?t=tok3n",
      description: "{{HOMEPAGE_FILE_GONE}}",
    });
  }, 120_000);

  it("evaluates a .nix file with nix-instantiate; without it, says to use the flake import", () => {
    const nix = join(root, "lib/fixtures/derived/homepage/module-services-list.nix");
    const ok = cli(["homepage", nix]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^Plan: 3 to add, 0 to change, 0 unchanged, 0 skipped\./m);
    const off = cli(["homepage", nix], { NIX_INSTANTIATE: "off" });
    expect(off.code).toBe(1);
    expect(off.err).toMatch(
      /^import: Reading a \.nix file needs nix-instantiate on the panel's machine, which is not available \(NIX_INSTANTIATE=off\)\. Load it from the flake instead/,
    );
  }, 120_000);

  it("a malformed env file is refused with its line, and nothing changes", async () => {
    writeFileSync(join(dir, "bad.env"), "HOMEPAGE_VAR_A=1\nnot a line\n");
    const before = await t.client().service.count();
    const r = cli(["homepage", join(dir, "services.yaml"), "--env", join(dir, "bad.env"), "--apply"]);
    expect({ code: r.code, err: r.err.trim() }).toEqual({ code: 1, err: "import: Line 2 of the environment is not NAME=value." });
    expect(await t.client().service.count()).toBe(before);
  }, 60_000);
});
