import "server-only";
// "Update inputs" as a job on the build host: a scratch clone of the checkout at HEAD, `nix flake
// update` (all or chosen inputs) there, the flake.lock difference per input, a build of the
// machine's system from the scratch copy and its closure difference against what runs. The real
// checkout is only read; the scratch copy stays for accept (lib/machine/flake-update.ts) and is
// removed here when there is nothing to accept (no change, a failure, a cancel).
import { build, commandLine, flakeLockRead, flakeLockSums, flakeScratch, flakeUpdate, SCRATCH, scratchRemove } from "../commands";
import { diffLocks, inputChangeLine } from "../git/lock-diff";
import { buildOutPath } from "../nix/build-result";
import { run } from "../ssh/run";
import type { FlakeUpdateResult } from "../wire/flake-update";
import type { Finish } from "./job-store";
import { readText, runStep, stepOf, type StepContext } from "./job-steps";
import { jobArgsSchemas } from "./kinds";
import type { JobMachine } from "./machine-targets";
import { closurePreview } from "./preview";

type JobContext = StepContext & { machine: JobMachine; args: unknown };

const exitText = (code: number | null) => (code === null ? "was killed" : `exited ${code}`);
const SCRATCH_FAILURES: Record<number, string> = {
  3: "the flake checkout does not exist",
  4: "the flake checkout is not a git repository",
  5: "cloning the checkout into a scratch directory failed",
  6: "flake.lock is not committed in the checkout (run `nix flake lock` and commit it first)",
};

/** Removes the scratch copy, whatever happened to the job (no cancel signal: it must run). */
async function removeScratch(c: JobContext, scratch: string): Promise<void> {
  const cmd = scratchRemove({ sshUser: c.machine.builder.sshUser }, scratch);
  try {
    await run(c.machine.builder.target, commandLine(cmd), { pool: c.pool, timeoutMs: 30_000, label: cmd.description });
    await c.log.system(`removed the scratch copy ${scratch}`);
  } catch (err) {
    await c.log.system(`could not remove the scratch copy ${scratch}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function runFlakeUpdate(c: JobContext, base: string | null): Promise<Finish> {
  const m = c.machine;
  const { inputs = [], check = false } = jobArgsSchemas["flake-update"].parse(c.args);
  if (!base) return { status: "failed", message: "the flake checkout's commit cannot be read: nothing to update from" };
  const onBuilder = { sshUser: m.builder.sshUser };
  const made: string[] = [];
  const code = await runStep(c, m.builder, stepOf(flakeScratch(onBuilder, m.flakeDir, base)), (s, l) => s === "stdout" && made.push(l));
  const scratch = made.join("").trim();
  if (code !== 0 || !SCRATCH.test(scratch))
    return {
      status: "failed",
      exitCode: code,
      message: (code !== null && SCRATCH_FAILURES[code]) || `copying the checkout ${exitText(code)}`,
    };
  let keep = false;
  try {
    const upCode = await runStep(c, m.builder, stepOf(flakeUpdate(onBuilder, scratch, inputs)));
    if (upCode !== 0) return { status: "failed", exitCode: upCode, message: `nix flake update ${exitText(upCode)}` };
    const oldLock = await readText(c, m.builder, flakeLockRead(onBuilder, scratch, "old"));
    const newLock = await readText(c, m.builder, flakeLockRead(onBuilder, scratch, "new"));
    const [oldSha = "", newSha = ""] = (await readText(c, m.builder, flakeLockSums(onBuilder, scratch))).split("\n");
    const diff = diffLocks(oldLock, newLock);
    if (!diff.ok) return { status: "failed", message: `the flake.lock difference cannot be read: ${diff.error}` };
    const changed = diff.changes.filter((x) => x.kind !== "unchanged");
    for (const x of changed) await c.log.system(`flake.lock: ${inputChangeLine(x)}`);
    const result: FlakeUpdateResult = {
      scratch: null,
      base,
      inputs,
      oldSha,
      newSha,
      changes: diff.changes,
      updated: diff.updated,
      outPath: null,
      currentSystem: null,
      closure: null,
      closureError: null,
      decision: null,
      checkOnly: check,
    };
    if (diff.updated === 0) return { status: "succeeded", exitCode: 0, message: "all inputs up to date", result };
    const what = `${diff.updated} input${diff.updated === 1 ? "" : "s"} updated`;
    if (check) return { status: "succeeded", exitCode: 0, message: `${what} (a check: nothing built)`, result };
    const out: string[] = [];
    const flake = { flakeDir: `${scratch}/flake`, attr: m.attr };
    const buildCode = await runStep(c, m.builder, stepOf(build(onBuilder, flake)), (s, l) => s === "stdout" && out.push(l));
    if (buildCode !== 0) return { status: "failed", exitCode: buildCode, message: `${what}; the build ${exitText(buildCode)}`, result };
    result.outPath = buildOutPath(out.join("\n"));
    Object.assign(result, await closurePreview(c, m, result.outPath));
    result.scratch = scratch;
    keep = true;
    const pkgs = result.closure
      ? `${result.closure.changes.length} package change${result.closure.changes.length === 1 ? "" : "s"}`
      : "no package preview";
    return { status: "succeeded", exitCode: 0, newSystem: result.outPath, message: `${what}; built ${result.outPath} (${pkgs})`, result };
  } finally {
    if (!keep) await removeScratch(c, scratch);
  }
}
