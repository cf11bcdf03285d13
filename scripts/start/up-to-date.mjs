// What `npm start` may skip on a later run: `npm ci` when node_modules already holds what
// package-lock.json names, and the build when the sources it was made from are unchanged. Plain
// Node with no dependencies, since it runs before anything is installed. Both checks err towards
// doing the work: anything missing, unreadable or different means install or build.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Where the hash of the sources a finished build was made from is kept (next build empties .next). */
export const BUILD_STAMP = join(".next", "panel-build-inputs.sha256");

/** What a finished build leaves: a build without any of them is no build. */
const BUILD_OUTPUTS = [join(".next", "BUILD_ID"), join("dist", "server.mjs"), join("lib", "db", "generated", "client.ts")];

/**
 * Not inputs to the build: installed or produced files, run data, tests, benchmarks, docs, packaging,
 * dev scripts (nothing the build compiles imports scripts/), the tools' own configs and local settings (.env holds run-time settings; nothing NEXT_PUBLIC_ is
 * inlined). Folders by their path from the root (app/(panel)/bench is the floor page, bench/ the benchmarks).
 */
const SKIPPED_ANYWHERE = new Set([".git", "node_modules"]);
const SKIPPED_PATHS = new Set([
  ".next",
  "dist",
  "data",
  "test-results",
  "playwright-report",
  "bench",
  "e2e",
  "docs",
  ".ci",
  "nix",
  "scripts",
  join("lib", "db", "generated"),
]);
const SKIPPED_FILE =
  /(\.md|\.test\.tsx?|\.test-support\.ts|\.tsbuildinfo|\.db(-journal|-wal|-shm)?|^next-env\.d\.ts|^\.env.*|^\.gitignore|^\.prettier.*|^\.dependency-cruiser\.cjs|^(vitest|playwright|eslint)\.config\.[cm]?[jt]s)$/;

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

function sameEntry(a, b) {
  return a.version === b.version && a.integrity === b.integrity && a.link === b.link && a.resolved === b.resolved;
}

/**
 * npm records what it installed in node_modules/.package-lock.json. Installed as locked means: every
 * package there is in package-lock.json with the same version, integrity and source, and every
 * package the lock names is there, except optional ones (another platform's binaries).
 */
export function installUpToDate(root) {
  const locked = readJson(join(root, "package-lock.json"))?.packages;
  const installed = readJson(join(root, "node_modules", ".package-lock.json"))?.packages;
  if (!locked || typeof locked !== "object" || !installed || typeof installed !== "object") return false;
  for (const [path, entry] of Object.entries(installed)) {
    if (!locked[path] || !sameEntry(entry, locked[path])) return false;
  }
  for (const [path, entry] of Object.entries(locked)) {
    if (path === "" || installed[path] || entry.optional) continue;
    return false;
  }
  return true;
}

function sourceFiles(root, dir = root) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const rel = relative(root, path);
    if (entry.isDirectory()) {
      if (!SKIPPED_ANYWHERE.has(entry.name) && !SKIPPED_PATHS.has(rel)) files.push(...sourceFiles(root, path));
    } else if (entry.isFile() && !SKIPPED_FILE.test(entry.name)) {
      files.push(rel);
    }
  }
  return files;
}

/** One hash over the build's inputs: each source file's path and bytes, package-lock and configs included. */
export function buildInputsHash(root) {
  const hash = createHash("sha256");
  for (const rel of sourceFiles(root).sort()) {
    hash.update(rel.split(sep).join("/") + "\0");
    hash.update(
      createHash("sha256")
        .update(readFileSync(join(root, rel)))
        .digest("hex") + "\n",
    );
  }
  return hash.digest("hex");
}

/** The build is current when it is complete and was made from sources with this hash. */
export function buildUpToDate(root, inputsHash) {
  if (!BUILD_OUTPUTS.every((path) => existsSync(join(root, path)))) return false;
  try {
    return readFileSync(join(root, BUILD_STAMP), "utf8").trim() === inputsHash;
  } catch {
    return false;
  }
}

/** After a successful build: the hash taken before it started, so an edit made during the build is rebuilt next time. */
export function recordBuild(root, inputsHash) {
  writeFileSync(join(root, BUILD_STAMP), inputsHash + "\n");
}
