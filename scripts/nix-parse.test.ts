// Every Nix file of the repository parses: nix/ (package, NixOS module, flake, VM test), the
// lab flake (e2e/lab/flake) and the fixtures' .nix files (lib/fixtures, lib/nix/fixtures). Uses `nix-instantiate --parse` (Debian's nix-bin: no nixpkgs needed,
// nothing is evaluated or built). A real build and the VM test need NixOS: see nix/README.md.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "..");

function nixFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return nixFiles(path);
    return entry.isFile() && entry.name.endsWith(".nix") ? [path] : [];
  });
}

function hasNixInstantiate(): boolean {
  try {
    execFileSync("nix-instantiate", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const available = hasNixInstantiate();
if (!available) console.warn("nix-parse.test.ts: skipped, nix-instantiate is not on PATH (apt-get install nix-bin)");

const files = ["nix", "e2e/lab/flake", "lib/fixtures", "lib/nix/fixtures"].flatMap((dir) => nixFiles(join(root, dir))).sort();

const title = available
  ? "Nix files parse (nix-instantiate --parse)"
  : "Nix files parse: SKIPPED, nix-instantiate is not on PATH (apt-get install nix-bin)";

describe.skipIf(!available)(title, () => {
  it("finds the package, the module, the flake, the VM test and the fixtures", () => {
    const names = files.map((f) => relative(root, f));
    expect(names).toEqual(
      expect.arrayContaining([
        "nix/package.nix",
        "nix/module.nix",
        "nix/flake.nix",
        "nix/vm-test.nix",
        "e2e/lab/flake/flake.nix",
        "lib/fixtures/derived/homepage/module-services-list.nix",
        "lib/nix/fixtures/capture/build.flake.nix",
      ]),
    );
  });

  it.each(files.map((f) => [relative(root, f), f]))("%s", (_name, file) => {
    const run = spawnSync("nix-instantiate", ["--parse", file], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    // stderr only matters (and is shown) when the exit status is not 0
    expect({ status: run.status, stderr: run.status === 0 ? "" : run.stderr }).toEqual({ status: 0, stderr: "" });
  });
});
