import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildInputsHash, buildUpToDate, installUpToDate, recordBuild } from "./up-to-date.mjs";

let root: string;

function write(rel: string, text: string) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

const entry = (version: string, extra: Record<string, unknown> = {}) => ({
  version,
  resolved: `https://registry.npmjs.org/x/-/x-${version}.tgz`,
  integrity: `sha512-${version}`,
  ...extra,
});

function lock(packages: Record<string, unknown>) {
  write("package-lock.json", JSON.stringify({ name: "p", lockfileVersion: 3, packages: { "": { name: "p" }, ...packages } }));
}

function installed(packages: Record<string, unknown>) {
  write("node_modules/.package-lock.json", JSON.stringify({ name: "p", lockfileVersion: 3, packages }));
}

/** A finished build of the current sources: its outputs and the stamp. */
function build() {
  write(".next/BUILD_ID", "b1");
  write("dist/server.mjs", "// server");
  write("lib/db/generated/client.ts", "// client");
  recordBuild(root, buildInputsHash(root));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "panel-start-"));
  write("package.json", '{"name":"p"}');
  lock({ "node_modules/a": entry("1.0.0"), "node_modules/b": entry("2.0.0", { dev: true }) });
  write("app/page.tsx", "export default function Page() { return null; }");
  write("lib/x.ts", "export const x = 1;");
  write("next.config.js", "module.exports = {};");
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("installUpToDate", () => {
  it("is false with nothing installed, true once node_modules holds what the lock names", () => {
    expect(installUpToDate(root)).toBe(false);
    installed({ "node_modules/a": entry("1.0.0"), "node_modules/b": entry("2.0.0", { dev: true }) });
    expect(installUpToDate(root)).toBe(true);
  });

  it("is false when the lock names another version, or a package that is not installed", () => {
    installed({ "node_modules/a": entry("1.0.0"), "node_modules/b": entry("2.0.0", { dev: true }) });
    lock({ "node_modules/a": entry("1.0.1"), "node_modules/b": entry("2.0.0", { dev: true }) });
    expect(installUpToDate(root)).toBe(false);
    lock({ "node_modules/a": entry("1.0.0"), "node_modules/b": entry("2.0.0", { dev: true }), "node_modules/c": entry("3.0.0") });
    expect(installUpToDate(root)).toBe(false);
  });

  it("is false when something installed is not in the lock; an absent optional package (another platform's) is fine", () => {
    installed({ "node_modules/a": entry("1.0.0"), "node_modules/b": entry("2.0.0"), "node_modules/gone": entry("1.0.0") });
    expect(installUpToDate(root)).toBe(false);
    installed({ "node_modules/a": entry("1.0.0"), "node_modules/b": entry("2.0.0", { dev: true }) });
    lock({
      "node_modules/a": entry("1.0.0"),
      "node_modules/b": entry("2.0.0", { dev: true }),
      "node_modules/@next/swc-darwin-arm64": entry("16.0.0", { optional: true }),
    });
    expect(installUpToDate(root)).toBe(true);
  });

  it("is false when either file is not JSON", () => {
    installed({ "node_modules/a": entry("1.0.0"), "node_modules/b": entry("2.0.0", { dev: true }) });
    write("package-lock.json", "{ not json");
    expect(installUpToDate(root)).toBe(false);
  });
});

describe("buildUpToDate", () => {
  it("is false before any build, true after one while nothing changes", () => {
    expect(buildUpToDate(root, buildInputsHash(root))).toBe(false);
    build();
    expect(buildUpToDate(root, buildInputsHash(root))).toBe(true);
  });

  it("a changed, added or removed source file, package-lock or config means a rebuild", () => {
    build();
    write("app/page.tsx", "export default function Page() { return 1; }");
    expect(buildUpToDate(root, buildInputsHash(root))).toBe(false);

    build();
    write("components/new.tsx", "export const n = 1;");
    expect(buildUpToDate(root, buildInputsHash(root))).toBe(false);

    build();
    rmSync(join(root, "lib/x.ts"));
    expect(buildUpToDate(root, buildInputsHash(root))).toBe(false);

    build();
    lock({ "node_modules/a": entry("1.0.1") });
    expect(buildUpToDate(root, buildInputsHash(root))).toBe(false);

    build();
    write("next.config.js", "module.exports = { experimental: {} };");
    expect(buildUpToDate(root, buildInputsHash(root))).toBe(false);

    // A route under a folder that is skipped only at the root (bench/ holds the benchmarks).
    build();
    write("app/bench/floor/page.tsx", "export default function Floor() { return null; }");
    expect(buildUpToDate(root, buildInputsHash(root))).toBe(false);
  });

  it("a moved file means a rebuild even with the same bytes", () => {
    build();
    rmSync(join(root, "lib/x.ts"));
    write("lib/y.ts", "export const x = 1;");
    expect(buildUpToDate(root, buildInputsHash(root))).toBe(false);
  });

  it("tests, docs, run data, installed packages and local settings do not", () => {
    build();
    write("lib/x.test.ts", "test");
    write("README.md", "# changed");
    write("data/panel.db", "rows");
    write("node_modules/a/index.js", "changed");
    write("e2e/x.spec.ts", "spec");
    write(".env", "PORT=3001");
    write("bench/dashboard.ts", "bench");
    write("scripts/start.mjs", "// changed");
    write("vitest.config.mts", "export default {};");
    write("playwright.config.ts", "export default {};");
    expect(buildUpToDate(root, buildInputsHash(root))).toBe(true);
  });

  it("is false when an output of the build is missing, even with a matching stamp", () => {
    build();
    rmSync(join(root, "dist/server.mjs"));
    expect(buildUpToDate(root, buildInputsHash(root))).toBe(false);
  });
});
