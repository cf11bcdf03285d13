import "server-only";
// What each kind of job does, and how its outcome is decided.
import { benchPrint, build, deploy, listGenerations, switchGeneration, validate } from "../commands";
import { buildOutPath } from "../nix/build-result";
import { currentGeneration, parseGenerations } from "../nix/generations";
import { deployOutcome, newDeployScan, scanDeployLine } from "./deploy-outcome";
import type { Finish } from "./job-store";
import { jobArgsSchemas, type JobKind } from "./kinds";
import type { JobMachine } from "./machine-targets";
import { readCurrentSystem, runStep, stepOf, type StepContext } from "./job-steps";
import { runPostChecks } from "./post-checks";
import { buildPreview, dryActivate } from "./preview";
import type { RunnerSettings } from "./runner-options";

export type JobContext = StepContext & {
  kind: JobKind;
  args: unknown;
  machine: JobMachine;
  /** Stores the system read before a change (so it is kept even if the job dies). */
  onOldSystem: (path: string) => Promise<void>;
  checks: RunnerSettings["checks"];
};

const withChecks = (message: string, checks: { ok: boolean; summary: string } | null) =>
  checks === null ? message : `${message}; checks ${checks.ok ? "passed" : "failed"}: ${checks.summary}`;
const ok = (code: number | null) => code === 0;
const exitText = (code: number | null) => (code === null ? "was killed" : `exited ${code}`);

export async function executeJob(c: JobContext): Promise<Finish> {
  const m = c.machine;
  const flake = { flakeDir: m.flakeDir, attr: m.attr };
  const onBuilder = { sshUser: m.builder.sshUser };
  switch (c.kind) {
    case "validate": {
      const out: string[] = [];
      const code = await runStep(c, m.builder, stepOf(validate(onBuilder, flake)), (s, l) => s === "stdout" && out.push(l));
      return ok(code)
        ? { status: "succeeded", exitCode: code, message: `${m.attr} evaluates`, result: { drvPath: out.join("").trim() } }
        : { status: "failed", exitCode: code, message: `evaluation ${exitText(code)}` };
    }
    case "build": {
      const out: string[] = [];
      const code = await runStep(c, m.builder, stepOf(build(onBuilder, flake)), (s, l) => s === "stdout" && out.push(l));
      if (!ok(code)) return { status: "failed", exitCode: code, message: `build ${exitText(code)}` };
      const outPath = buildOutPath(out.join("\n"));
      const preview = await buildPreview(c, m, outPath);
      return { status: "succeeded", exitCode: code, newSystem: outPath, message: `built ${outPath}`, result: { outPath, preview } };
    }
    case "dry-run": {
      const { code, activation } = await dryActivate(c, m);
      return { status: ok(code) ? "succeeded" : "failed", exitCode: code, message: `dry-run ${exitText(code)}`, result: { activation } };
    }
    case "deploy": {
      const oldSystem = await readCurrentSystem(c, m.self, "before");
      await c.onOldSystem(oldSystem);
      const scan = newDeployScan();
      const cmd = deploy(onBuilder, { flakeDir: m.flakeDir, node: m.name, base: m.deployBase });
      const code = await runStep(c, m.builder, stepOf(cmd), (_s, l) => scanDeployLine(scan, l));
      const newSystem = await readCurrentSystem(c, m.self, "after").catch(() => null);
      const o = deployOutcome({ ...scan, exitCode: code, oldSystem, newSystem });
      const checks = newSystem === null ? null : await runPostChecks(c, m, c.checks);
      return { ...o, message: withChecks(o.message, checks), exitCode: code, oldSystem, newSystem, result: { deployedPath: scan.deployedPath, checks } };
    }
    case "rollback": {
      const { generation } = jobArgsSchemas.rollback.parse(c.args);
      const oldSystem = await readCurrentSystem(c, m.self, "before");
      await c.onOldSystem(oldSystem);
      let code: number | null = 0;
      for (const cmd of switchGeneration({ sshUser: m.self.sshUser }, generation)) {
        code = await runStep(c, m.self, stepOf(cmd));
        if (!ok(code)) break;
      }
      const newSystem = await readCurrentSystem(c, m.self, "after").catch(() => null);
      const checks = newSystem === null ? null : await runPostChecks(c, m, c.checks);
      const result = { generation, checks };
      if (!ok(code)) return { status: "failed", exitCode: code, oldSystem, newSystem, result, message: withChecks(`rollback to generation ${generation} ${exitText(code)}; running ${newSystem ?? "(unknown)"}`, checks) };
      return { status: "succeeded", exitCode: code, oldSystem, newSystem, result, message: withChecks(`generation ${generation} active: ${newSystem ?? "(unknown)"}`, checks) };
    }
    case "generations": {
      const out: string[] = [];
      const code = await runStep(c, m.self, stepOf(listGenerations({ sshUser: m.self.sshUser })), (s, l) => s === "stdout" && out.push(l));
      if (!ok(code)) return { status: "failed", exitCode: code, message: `listing generations ${exitText(code)}` };
      const { generations, unrecognised } = parseGenerations(out.join("\n"));
      const current = currentGeneration(generations);
      const skipped = unrecognised.count ? `; ${unrecognised.count} line${unrecognised.count === 1 ? "" : "s"} not recognised` : "";
      return { status: "succeeded", exitCode: code, message: `${generations.length} generations, current ${current?.number ?? "unknown"}${skipped}`, result: { generations, unrecognised } };
    }
    case "bench-seq": {
      // Benchmark only (never offered by the API): a fixed `seq 1 N`, N a validated integer.
      const { count, rate } = jobArgsSchemas["bench-seq"].parse(c.args);
      const line = benchPrint(count, rate);
      const code = await runStep(c, m.self, { line, description: `Print ${count} lines${rate ? ` at ${rate}/s` : ""} (benchmark)`, cancellable: true });
      return { status: ok(code) ? "succeeded" : "failed", exitCode: code, message: `seq ${exitText(code)}` };
    }
  }
}
