import "server-only";
// A promote: production deployed from EXACTLY the revision that passed on its test machine. A
// scratch `git clone --shared` of the build host's checkout at the promoted commit (HEAD may have
// moved since), its flake.lock checked against the recorded sha256 before deploy-rs runs (a
// mismatch deploys nothing), deploy-rs on the scratch flake, the scratch removed whatever happens.
import { commandLine, flakeLockSums, flakeScratch, SCRATCH, scratchRemove } from "../commands";
import { checkLock } from "../git/lock-hash";
import type { JobCommit } from "../git/job-commit";
import { run } from "../ssh/run";
import { promotedFromText, type PromoteArgs } from "../wire/promote";
import { runDeploy, type DeployContext } from "./deploy-job";
import type { Finish } from "./job-store";
import { readText, runStep, stepOf } from "./job-steps";

type PromoteContext = DeployContext & { onCommit: (commit: JobCommit) => Promise<void> };

const SCRATCH_FAILURES: Record<number, string> = {
  3: "the flake checkout does not exist on the build host",
  4: "the flake checkout is not a git repository",
  5: "the commit is not in the build host's checkout (fetch it there first), or cloning failed",
  6: "flake.lock is not committed at this commit",
};

async function removeScratch(c: PromoteContext, scratch: string): Promise<void> {
  const cmd = scratchRemove({ sshUser: c.machine.builder.sshUser }, scratch);
  try {
    await run(c.machine.builder.target, commandLine(cmd), { pool: c.pool, timeoutMs: 30_000, label: cmd.description });
    await c.log.system(`removed the scratch copy ${scratch}`);
  } catch (err) {
    await c.log.system(`could not remove the scratch copy ${scratch}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function runPromote(c: PromoteContext, p: PromoteArgs): Promise<Finish> {
  const m = c.machine;
  const onBuilder = { sshUser: m.builder.sshUser };
  const recorded: JobCommit = { commit: p.commit, commitSubject: p.commitSubject, dirty: false, lockHash: p.lockHash };
  await c.onCommit(recorded);
  await c.log.system(`${promotedFromText(p)}: commit ${p.commit}, flake.lock ${p.lockHash ?? "(no recorded checksum)"}`);
  const made: string[] = [];
  const code = await runStep(c, m.builder, stepOf(flakeScratch(onBuilder, m.flakeDir, p.commit)), (s, l) => s === "stdout" && made.push(l));
  const scratch = made.join("").trim();
  if (code !== 0 || !SCRATCH.test(scratch))
    return {
      status: "failed",
      exitCode: code,
      message: `nothing deployed: ${(code !== null && SCRATCH_FAILURES[code]) || "copying the checkout at the commit failed"}`,
    };
  try {
    const lock = checkLock(await readText(c, m.builder, flakeLockSums(onBuilder, scratch)), p.lockHash);
    if (!lock.ok) {
      await c.log.system(`refused: ${lock.reason}`);
      return { status: "failed", message: `nothing deployed: ${lock.reason}` };
    }
    await c.onCommit({ ...recorded, lockHash: lock.found });
    await c.log.system(`flake.lock sha256 ${lock.found}${p.lockHash ? ": as tested" : ""}`);
    return await runDeploy(c, `${scratch}/flake`, { promote: p });
  } finally {
    await removeScratch(c, scratch);
  }
}
