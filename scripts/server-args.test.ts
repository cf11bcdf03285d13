// The server's node flags and malloc settings live in scripts/server-args.ts; `npm run serve` and the
// NixOS package cannot import it, so they repeat them: this keeps the three the same.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_ENV, SERVER_NODE_ARGS } from "./server-args";

const root = resolve(__dirname, "..");
const serve: string = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")).scripts.serve;
const nixPackage = readFileSync(resolve(root, "nix/package.nix"), "utf8");
const nodeFlags = SERVER_NODE_ARGS.slice(0, SERVER_NODE_ARGS.indexOf("--require"));

describe("the server's start settings", () => {
  it("are the same in npm run serve", () => {
    for (const [name, value] of Object.entries(SERVER_ENV)) expect(serve).toContain(`${name}=${value} `);
    expect(serve).toContain(`node ${SERVER_NODE_ARGS.join(" ")}`);
  });

  it("are the same in the NixOS package's wrapper", () => {
    for (const [name, value] of Object.entries(SERVER_ENV)) expect(nixPackage).toContain(`--set-default ${name} ${value} `);
    expect(nixPackage).toContain(
      `--add-flags "${nodeFlags.join(" ")} --require $app/scripts/server-only-preload.cjs $app/dist/server.mjs"`,
    );
  });
});
