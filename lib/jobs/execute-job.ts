import "server-only";
// What each kind of job does, and how its outcome is decided.
import { benchPrint, build, listGenerations, switchGeneration, validate } from "../commands";
import { buildOutPath } from "../nix/build-result";
import { currentGeneration, parseGenerations } from "../nix/generations";
import { profileGenerationOf } from "../nix/system-facts";
import { unrecognisedText } from "../parse/unrecognised";
import { DeployLogReader } from "./deploy-log";
import { deployOutcome } from "./deploy-outcome";
import type { Finish } from "./job-store";
import type { JobKind } from "../wire/job-kinds";
import { jobArgsSchemas } from "./kinds";
import { deployCommandOf, type JobMachine } from "./machine-targets";
import { readJobCommit, readSystemFacts, runStep, stepOf, type StepContext } from "./job-steps";
import type { JobCommit } from "../git/job-commit";
import { runFlakeUpdate } from "./flake-update-job";
import { runPostChecks } from "./post-checks";
import { buildPreview, dryActivate } from "./preview";
import type { RunnerSettings } from "./runner-options";

export type JobContext = StepContext & {
  kind: JobKind;
  args: unknown;
  machine: JobMachine;
  /** Stores the system read before a change (so it is kept even if the job dies). */
  onOldSystem: (path: string) => Promise<void>;
  /** Stores the checkout's commit and dirty flag, read before the command runs. */
  onCommit: (commit: JobCommit) => Promise<void>;
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
  // Every kind that evaluates or builds from the checkout records its commit first, on the build host.
  let commit: JobCommit | null = null;
  if (c.kind === "validate" || c.kind === "build" || c.kind === "dry-run" || c.kind === "deploy" || c.kind === "flake-update")
    await c.onCommit((commit = await readJobCommit(c, m.builder, m.flakeDir)));
  switch (c.kind) {
    case "flake-update":
      return runFlakeUpdate(c, commit?.commit ?? null);
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
      const before = await readSystemFacts(c, m.self, "before");
      await c.onOldSystem(before.current!);
      const reader = new DeployLogReader();
      const cmd = deployCommandOf(m);
      const code = await runStep(c, m.builder, stepOf(cmd), (_s, l) => reader.feed(l));
      const log = reader.scan.nodes.find((n) => n.node === m.name && n.profile === "system") ?? null;
      const after = await readSystemFacts(c, m.self, "after", log?.path ? [log.path] : []).catch(() => null);
      const o = deployOutcome({ node: m.name, exitCode: code, before, after, log, runErrors: reader.scan.errors });
      const checks = o.newSystem === null ? null : await runPostChecks(c, m, c.checks);
      const unrecognised = reader.scan.unrecognised;
      const result = {
        deployedPath: o.deployedPath,
        toplevel: o.toplevel,
        outcome: o.kind,
        generation: o.generationAfter,
        checks,
        unrecognised,
      };
      const note = unrecognised.count
        ? `; ${unrecognisedText(unrecognised, "deploy-rs's messages")} (first: ${unrecognised.sample[0]})`
        : "";
      return {
        status: o.status,
        message: withChecks(o.message, checks) + note,
        exitCode: code,
        oldSystem: o.oldSystem,
        newSystem: o.newSystem,
        result,
      };
    }
    case "rollback": {
      const { generation } = jobArgsSchemas.rollback.parse(c.args);
      const before = await readSystemFacts(c, m.self, "before");
      await c.onOldSystem(before.current!);
      let code: number | null = 0;
      for (const cmd of switchGeneration({ sshUser: m.self.sshUser }, generation)) {
        code = await runStep(c, m.self, stepOf(cmd));
        if (!ok(code)) break;
      }
      const after = await readSystemFacts(c, m.self, "after").catch(() => null);
      const newSystem = after?.current ?? null;
      const checks = newSystem === null ? null : await runPostChecks(c, m, c.checks);
      const result = { generation, checks };
      const base = { exitCode: code, oldSystem: before.current, newSystem, result };
      // The generation's NixOS system (inside deploy-rs's wrapper when it is one) must be what runs.
      const wanted = after?.generations.find((g) => g.number === generation) ?? null;
      const running = wanted?.toplevel && newSystem === wanted.toplevel && profileGenerationOf(after!)?.number === generation;
      const what = wanted?.version ? `generation ${generation} (NixOS ${wanted.version})` : `generation ${generation}`;
      if (!ok(code))
        return {
          ...base,
          status: "failed",
          message: withChecks(`rollback to generation ${generation} ${exitText(code)}; running ${newSystem ?? "(unknown)"}`, checks),
        };
      if (!running)
        return {
          ...base,
          status: "failed",
          message: withChecks(`rollback ${exitText(code)} but ${what} is not what runs: ${newSystem ?? "(unknown)"}`, checks),
        };
      return { ...base, status: "succeeded", message: withChecks(`${what} active: ${newSystem}`, checks) };
    }
    case "generations": {
      const out: string[] = [];
      const code = await runStep(c, m.self, stepOf(listGenerations({ sshUser: m.self.sshUser })), (s, l) => s === "stdout" && out.push(l));
      if (!ok(code)) return { status: "failed", exitCode: code, message: `listing generations ${exitText(code)}` };
      const { generations, unrecognised } = parseGenerations(out.join("\n"));
      const current = currentGeneration(generations);
      const skipped = unrecognised.count ? `; ${unrecognised.count} line${unrecognised.count === 1 ? "" : "s"} not recognised` : "";
      return {
        status: "succeeded",
        exitCode: code,
        message: `${generations.length} generations, current ${current?.number ?? "unknown"}${skipped}`,
        result: { generations, unrecognised },
      };
    }
    case "bench-seq": {
      // Benchmark only (never offered by the API): a fixed `seq 1 N`, N a validated integer.
      const { count, rate } = jobArgsSchemas["bench-seq"].parse(c.args);
      const line = benchPrint(count, rate);
      const code = await runStep(c, m.self, {
        line,
        description: `Print ${count} lines${rate ? ` at ${rate}/s` : ""} (benchmark)`,
        cancellable: true,
      });
      return { status: ok(code) ? "succeeded" : "failed", exitCode: code, message: `seq ${exitText(code)}` };
    }
  }
}
