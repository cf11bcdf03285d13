// The lab from a Playwright spec, through a tsx child process (see lab-do.ts), and a production
// panel aimed at the lab (as e2e/fixtures/lab-panel.ts, which Playwright cannot load for the same
// reason: it imports e2e/lab).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { LabInfo } from "../lab/src/types";
import { startServer, type RunningServer } from "../fixtures/server";

function call<T>(op: string, args: unknown[] = []): Promise<T> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", "e2e/machines/lab-do.ts", op, JSON.stringify(args)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", () => {
      const last = out.trim().split("\n").at(-1) ?? "";
      try {
        const r = JSON.parse(last) as { ok: boolean; value?: T; error?: string };
        if (r.ok) done(r.value as T);
        else fail(new Error(`lab ${op}: ${r.error}`));
      } catch {
        fail(new Error(`lab ${op} printed no result:\n${out}\n${err}`));
      }
    });
  });
}

export const labOps = {
  up: () => call<LabInfo>("up"),
  run: (host: string, command: string, user: "root" | "admin" = "root") => call<string>("run", [host, command, user]),
  setVariant: (host: string, variant: "base" | "changed" | "broken" | "slow", extra: string[] = []) => call<string>("setVariant", [host, variant, { extra }]),
  healUnit: (host: string, unit: string) => call<void>("healUnit", [host, unit]),
};

export async function startLabPanel(port: number, dbFile: string): Promise<RunningServer & { info: LabInfo }> {
  const info = await labOps.up();
  const file = resolve(dbFile);
  rmSync(dirname(file), { recursive: true, force: true });
  mkdirSync(dirname(file), { recursive: true });
  const prep = spawnSync(process.execPath, ["--require", "./scripts/server-only-preload.cjs", "--import", "tsx", "scripts/lab-db.ts", file], { encoding: "utf8" });
  if (prep.status !== 0) throw new Error(`preparing the lab database failed:\n${prep.stdout}${prep.stderr}`);
  const server = await startServer(port, file, { fresh: false, env: { SSH_KEY_FILE: info.privateKeyPath } });
  return { ...server, info };
}
