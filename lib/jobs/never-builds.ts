import "server-only";
// A never-builds machine (a weak device) gets its system built on its build host and the closure
// copied to it: deploy-rs, run on the build host, builds there and `nix copy --to ssh://node`s the
// result (push.rs push_profile). It builds ON THE NODE instead when the profile, node or top
// level sets `remoteBuild = true` (or with `--remote-build`, which the panel never passes), so
// before any deploy-rs run for such a machine its effective remoteBuild is evaluated and the job
// refused when any profile would build on the machine.
import { evalDeployRemoteBuild } from "../commands";
import { ValidationError } from "../errors";
import { remoteBuildVerdict } from "../nix/deploy-remote-build";
import { ExecError } from "../ssh/errors";
import { readText, type StepContext } from "./job-steps";
import type { JobMachine } from "./machine-targets";

export async function refuseBuildOnMachine(c: StepContext, m: JobMachine): Promise<void> {
  if (!m.neverBuilds) return;
  if (m.buildRefusal !== null) throw new ValidationError(m.buildRefusal);
  let out: string;
  try {
    out = await readText(c, m.builder, evalDeployRemoteBuild({ sshUser: m.builder.sshUser }, m.flakeDir));
  } catch (err) {
    if (!(err instanceof ExecError && err.reason === "exit")) throw err;
    const why = err.stderrTail?.trim().split("\n").at(-1) ?? err.message;
    throw new ValidationError(
      `${m.name} never builds, and deploy-rs's remoteBuild setting could not be evaluated on ${m.builderName}: ${why}`,
    );
  }
  const v = remoteBuildVerdict(out, m.name);
  if (!v.ok)
    throw new ValidationError(
      `${m.name} never builds, but ${v.message}: ${v.reason === "remote-build" ? "set remoteBuild = false (or remove it) for it in the flake" : "refusing to deploy"}.`,
    );
  await c.log.system(
    `${m.name} never builds: deploy-rs builds ${v.profiles.join(", ") || "its profiles"} on ${m.builderName} (remoteBuild is off) and copies the closure`,
  );
}
