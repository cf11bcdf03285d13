import "server-only";
// A deploy: deploy-rs on the build host from a flake directory (the checkout, or a promote's
// scratch copy at the promoted commit), the system read before and after, the outcome decided from
// both and deploy-rs's log, then the post-deploy checks.
import { unrecognisedText } from "../parse/unrecognised";
import { DeployLogReader } from "./deploy-log";
import { deployOutcome } from "./deploy-outcome";
import type { Finish } from "./job-store";
import { readSystemFacts, runStep, stepOf, type StepContext } from "./job-steps";
import { deployCommandOf, type JobMachine } from "./machine-targets";
import { runPostChecks } from "./post-checks";
import type { RunnerSettings } from "./runner-options";

export type DeployContext = StepContext & {
  machine: JobMachine;
  onOldSystem: (path: string) => Promise<void>;
  checks: RunnerSettings["checks"];
};

const withChecks = (message: string, checks: { ok: boolean; summary: string } | null) =>
  checks === null ? message : `${message}; checks ${checks.ok ? "passed" : "failed"}: ${checks.summary}`;

/** Deploys the machine's node from `flakeDir` on its build host. */
export async function runDeploy(c: DeployContext, flakeDir: string, extra: Record<string, unknown> = {}): Promise<Finish> {
  const m = c.machine;
  const before = await readSystemFacts(c, m.self, "before");
  await c.onOldSystem(before.current!);
  const reader = new DeployLogReader();
  // The same builder as the fleet plan shows (deployCommandOf), from the checkout or the scratch copy.
  const cmd = deployCommandOf({ ...m, flakeDir });
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
    ...extra,
  };
  const note = unrecognised.count ? `; ${unrecognisedText(unrecognised, "deploy-rs's messages")} (first: ${unrecognised.sample[0]})` : "";
  return {
    status: o.status,
    message: withChecks(o.message, checks) + note,
    exitCode: code,
    oldSystem: o.oldSystem,
    newSystem: o.newSystem,
    result,
  };
}
