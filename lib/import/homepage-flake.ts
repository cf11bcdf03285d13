import "server-only";
// Homepage's configuration as NixOS holds it (services.homepage-dashboard.services / .bookmarks),
// read with `nix eval --json` over SSH and returned as pretty JSON text, so the Homepage import
// (and its line numbers) works on it like on a pasted file.
import { evalHomepage } from "../commands";
import { commandLine } from "../commands/remote-command";
import { db } from "../db/client";
import { jobMachine } from "../jobs/machine-targets";
import { run } from "../ssh/run";
import { sshPool } from "../ssh/pool";
import { homepageOutput } from "./flake/eval-output";
import { FlakeEvalError, type FlakeOptions } from "./flake-import";
import { ExecError } from "../ssh/errors";

export type HomepageFlakeRequest = { machine: string; attr?: string | null; flakeDir?: string | null };

export async function readHomepageFromFlake(req: HomepageFlakeRequest, opts: FlakeOptions = {}): Promise<string> {
  const pool = opts.pool ?? sshPool();
  const m = await jobMachine(db(), req.machine, pool.settings.keyFile);
  const cmd = evalHomepage({ sshUser: m.self.sshUser }, req.flakeDir || m.flakeDir, req.attr || m.attr);
  let out: string;
  try {
    out = await run(m.self.target, commandLine(cmd), { pool, timeoutMs: opts.timeoutMs ?? 120_000, label: cmd.description });
  } catch (err) {
    if (err instanceof ExecError)
      throw new FlakeEvalError(
        `nix eval failed: ${err.message}${err.stderrTail ? `: ${err.stderrTail.trim().split("\n").slice(-3).join(" ").slice(0, 500)}` : ""}`,
      );
    throw err;
  }
  let value: unknown;
  try {
    value = homepageOutput.parse(JSON.parse(out));
  } catch {
    throw new FlakeEvalError("nix eval did not print the Homepage configuration as JSON.");
  }
  return `${JSON.stringify(value, null, 2)}\n`;
}
