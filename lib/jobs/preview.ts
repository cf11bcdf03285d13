import "server-only";
// What a built system would change on the machine, recorded with the build job: the closure
// difference against the running system (`nix store diff-closures`, on the build host, which
// needs the running system in its store: true when a machine builds itself) and the units
// activation would stop/restart/reload/start (deploy-rs `--dry-activate`). Each half that fails
// is recorded with its reason; the build itself still succeeded. Cancel and time-out propagate.
import { deploy, diffClosures } from "../commands";
import { activationIsEmpty, emptyActivation, scanActivationLine, type ActivationUnits } from "../nix/activation-units";
import { parseDiffClosures, type ClosureDiff } from "../nix/diff-closures";
import { ExecError } from "../ssh/errors";
import { readCurrentSystem, runStep, stepOf, type StepContext } from "./job-steps";
import type { JobMachine } from "./machine-targets";
import { refuseBuildOnMachine } from "./never-builds";

export type Preview = {
  currentSystem: string | null;
  builtPath: string;
  closure: ClosureDiff | null;
  closureError: string | null;
  activation: ActivationUnits | null;
  activationError: string | null;
};

const fatal = (err: unknown) => err instanceof ExecError && (err.reason === "cancelled" || err.reason === "timeout");
const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** deploy-rs --dry-activate as a step; the units it would touch, or null with the exit status. */
export async function dryActivate(c: StepContext, m: JobMachine): Promise<{ code: number | null; activation: ActivationUnits }> {
  const activation = emptyActivation();
  await refuseBuildOnMachine(c, m);
  const cmd = deploy({ sshUser: m.builder.sshUser }, { flakeDir: m.flakeDir, node: m.name, base: m.deployBase, dryActivate: true });
  const code = await runStep(c, m.builder, stepOf(cmd), (_s, l) => void scanActivationLine(activation, l));
  return { code, activation };
}

export type ClosurePreview = Pick<Preview, "currentSystem" | "closure" | "closureError">;

/** `nix store diff-closures` of the running system against `builtPath`, on the build host. */
export async function closurePreview(c: StepContext, m: JobMachine, builtPath: string): Promise<ClosurePreview> {
  const p: ClosurePreview = { currentSystem: null, closure: null, closureError: null };
  try {
    p.currentSystem = await readCurrentSystem(c, m.self, "now");
    const out: string[] = [];
    const code = await runStep(
      c,
      m.builder,
      stepOf(diffClosures({ sshUser: m.builder.sshUser }, p.currentSystem, builtPath)),
      (s, l) => s === "stdout" && out.push(l),
    );
    if (code === 0) p.closure = parseDiffClosures(out.join("\n"));
    else
      p.closureError = `nix store diff-closures exited ${code ?? "by a signal"}${m.builder === m.self ? "" : " (the running system may not be in the build host's store)"}`;
  } catch (err) {
    if (fatal(err)) throw err;
    p.closureError = reason(err);
  }
  return p;
}

export async function buildPreview(c: StepContext, m: JobMachine, builtPath: string): Promise<Preview> {
  const p: Preview = { ...(await closurePreview(c, m, builtPath)), builtPath, activation: null, activationError: null };
  if (!m.deployable) {
    p.activationError = `${m.name} is not deployable: no dry run`;
    return p;
  }
  try {
    const { code, activation } = await dryActivate(c, m);
    if (code === 0) p.activation = activation;
    else p.activationError = `the dry run exited ${code ?? "by a signal"}`;
  } catch (err) {
    if (fatal(err)) throw err;
    p.activationError = reason(err);
  }
  const units = p.activation && !activationIsEmpty(p.activation) ? "units change" : "no unit changes";
  await c.log.system(
    `preview: ${p.closure ? `${p.closure.changes.length} package changes` : "no closure diff"}, ${p.activation ? units : "no activation preview"}`,
  );
  return p;
}
