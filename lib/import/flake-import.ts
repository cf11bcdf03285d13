import "server-only";
// Import from flake: `nix eval --json` over SSH on a machine of the inventory (its flake checkout
// by default), then the same preview / apply as the Homepage import.
import { evalDeployNodes, evalMachines } from "../commands";
import { commandLine } from "../commands/remote-command";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { jobMachine } from "../jobs/machine-targets";
import { ExecError } from "../ssh/errors";
import { run } from "../ssh/run";
import { sshPool, type SshPool } from "../ssh/pool";
import { applyImport, loadInventory } from "./apply";
import { deployNodesOutput, FLAKE_SERVICES, FlakeOutputError, machinesOutput, parseJson } from "./flake/eval-output";
import { planFlake, type FlakeSource } from "./flake-plan";
import type { ImportPlan } from "./model/plan";

export class FlakeEvalError extends DomainError {
  constructor(message: string) {
    super("eval_failed", message);
  }
}

export type FlakeRequest = { machine: string; flakeDir?: string | null };
export type FlakeOptions = { pool?: SshPool; timeoutMs?: number };

function failure(err: unknown): never {
  if (err instanceof ExecError) {
    const tail = (err.stderrTail ?? "").trim().split("\n").slice(-4).join(" ").slice(0, 600);
    throw new FlakeEvalError(`nix eval failed: ${err.message}${tail ? `: ${tail}` : ""}`);
  }
  if (err instanceof FlakeOutputError) throw new FlakeEvalError(err.message);
  throw err;
}

/** Evaluates the flake on the machine; deploy-rs nodes are optional (a flake without them still imports). */
export async function evaluateFlake(req: FlakeRequest, opts: FlakeOptions = {}): Promise<FlakeSource> {
  const pool = opts.pool ?? sshPool();
  const m = await jobMachine(db(), req.machine, pool.settings.keyFile);
  const flakeDir = req.flakeDir || m.flakeDir;
  const ctx = { sshUser: m.self.sshUser };
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const machinesCmd = evalMachines(ctx, flakeDir, FLAKE_SERVICES);
  const nodesCmd = evalDeployNodes(ctx, flakeDir);
  const machines = await run(m.self.target, commandLine(machinesCmd), { pool, timeoutMs, label: machinesCmd.description })
    .then((out) => parseJson(machinesOutput, out, "nixosConfigurations"))
    .catch(failure);
  const nodes = await run(m.self.target, commandLine(nodesCmd), { pool, timeoutMs, label: nodesCmd.description })
    .then((out) => parseJson(deployNodesOutput, out, "deploy.nodes"))
    .catch(() => null);
  return { flakeDir, evaluatedOn: m.name, machines, nodes };
}

export async function previewFlake(req: FlakeRequest, opts: FlakeOptions = {}): Promise<ImportPlan> {
  const src = await evaluateFlake(req, opts);
  return planFlake(src, await loadInventory()).plan;
}

export async function applyFlake(req: FlakeRequest, opts: FlakeOptions = {}): Promise<ImportPlan> {
  const src = await evaluateFlake(req, opts);
  return applyImport((inventory) => planFlake(src, inventory));
}
