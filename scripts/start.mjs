// `npm start`: install, build and serve, each step only when needed, so a second start with nothing
// changed serves within seconds. `npm ci` runs when node_modules differs from package-lock.json, the
// build when its inputs differ from the ones the current build was made from (scripts/start/up-to-date.mjs).
// With --install-only it stops after the install step (scripts/test-all.sh).
import { spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildInputsHash, buildUpToDate, installUpToDate, recordBuild } from "./start/up-to-date.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function say(message) {
  console.log(`[start] ${message}`);
}

function run(args) {
  const result = spawnSync(npm, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    say(`npm ${args.join(" ")} failed${result.signal ? ` (${result.signal})` : ""}`);
    process.exit(result.status ?? 1);
  }
}

const installed = !installUpToDate(root);
if (installed) {
  say("node_modules differs from package-lock.json: npm ci");
  run(["ci", "--no-audit", "--no-fund"]);
} else {
  say("node_modules matches package-lock.json: no install");
}
if (process.argv.includes("--install-only")) process.exit(0);

const inputs = buildInputsHash(root);
if (!installed && buildUpToDate(root, inputs)) {
  say("the build matches the sources: no build");
} else {
  // After a reinstall the packages the last build used may not be the locked ones: build again.
  say(installed ? "packages reinstalled: building" : "the sources differ from the last build's (or there is none): building");
  run(["run", "-s", "build"]);
  recordBuild(root, inputs);
}

const server = spawn(npm, ["run", "-s", "serve"], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
