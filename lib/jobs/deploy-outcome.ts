// The honest outcome of a deploy-rs run, per node and profile. deploy-rs's exit code and messages
// are not trusted alone: what counts is what the machine runs before and after. deploy-rs sets the
// system profile to its `activatable-*` wrapper (a buildEnv of the NixOS toplevel plus
// deploy-rs-activate and activate-rs), while the system's own switch-to-configuration points
// /run/current-system at the toplevel inside it: so "at the target" means /run/current-system is
// the toplevel inside the deployed path, and the profile points at the deployed path itself.
import { profileGenerationOf, type SystemFacts } from "../nix/system-facts";
import type { ChangeOutcome } from "../wire/job-kinds";
import type { NodeLog } from "./deploy-log";

export type OutcomeKind =
  | "changed" // succeeded: a new system runs
  | "reactivated" // succeeded: the same system, activated again
  | "boot" // succeeded with --boot: the profile points at it, it runs after a reboot
  | "magic-rollback" // rolled back: the activation was not confirmed in time
  | "auto-rollback" // rolled back: the activation failed and activate-rs restored the previous generation
  | "revoked" // rolled back: another node of the same run failed and deploy-rs revoked this one
  | "before-activation" // failed: check, evaluation, build or copy failed; nothing changed
  | "unchanged" // failed: activation was attempted, nothing changed, no rollback was needed
  | "after-activation" // failed: the machine runs something else than before: not the deployed system, or it but its activation failed
  | "unknown"; // failed: the machine could not be read afterwards

export type Outcome = {
  status: ChangeOutcome;
  kind: OutcomeKind;
  message: string;
  /** What deploy-rs said it deploys (the wrapper), and the NixOS system inside it on the machine. */
  deployedPath: string | null;
  toplevel: string | null;
  oldSystem: string | null;
  newSystem: string | null;
  /** The system profile's generation before and after. */
  generationBefore: number | null;
  generationAfter: number | null;
};

export type DeployFacts = {
  node: string;
  exitCode: number | null;
  before: SystemFacts;
  /** Read after the run with the deployed path asked about; null when the machine could not be read. */
  after: SystemFacts | null;
  /** This node's part of the run's output (null: deploy-rs never named it, e.g. evaluation failed). */
  log: NodeLog | null;
  /** Failures of the whole run (flake check, evaluation, command line). */
  runErrors: readonly string[];
  boot?: boolean;
};

const PHASES = ["planned", "built", "copied", "activating", "activated", "done"];
const exitText = (code: number | null) => (code === null ? "was killed" : `exited ${code}`);
const short = (p: string | null) => (p ? p.replace(/^\/nix\/store\/[0-9a-z]{32}-/, "") : "nothing");

function versionOf(f: SystemFacts, toplevel: string | null): string | null {
  if (toplevel !== null && toplevel === f.current && f.version) return f.version;
  return f.generations.find((g) => g.toplevel === toplevel && g.version)?.version ?? null;
}
function describe(f: SystemFacts, toplevel: string | null): string {
  const v = versionOf(f, toplevel);
  return `${short(toplevel)}${v ? ` (NixOS ${v})` : ""}`;
}
/** The most telling error: the last one that is not deploy-rs's "..., rolled back to previous generation" claim. */
function reason(f: DeployFacts): string {
  const errs = [...(f.log?.errors ?? []), ...f.runErrors];
  const real = errs.filter((e) => !/rolled back to previous generation$/.test(e));
  const pick = real.length ? real[real.length - 1] : errs[errs.length - 1];
  return pick ? `: ${pick}` : "";
}

export function deployOutcome(f: DeployFacts): Outcome {
  const deployedPath = f.log?.path ?? null;
  const oldSystem = f.before.current;
  const base = { deployedPath, oldSystem, generationBefore: f.before.profileGeneration };
  if (!f.after || !f.after.current) {
    return {
      ...base,
      status: "failed",
      kind: "unknown",
      toplevel: null,
      newSystem: null,
      generationAfter: null,
      message: `deploy ${exitText(f.exitCode)}; the running system could not be read afterwards`,
    };
  }
  const a = f.after;
  const newSystem = a.current;
  const toplevel = deployedPath ? (a.paths[deployedPath] ?? null) : null;
  const profileBefore = profileGenerationOf(f.before)?.target ?? null;
  const profileAfter = profileGenerationOf(a)?.target ?? null;
  const changed = oldSystem !== newSystem;
  const profileMoved = profileBefore !== profileAfter;
  const atTarget = toplevel !== null && newSystem === toplevel;
  const profileAtTarget = deployedPath !== null && profileAfter === deployedPath;
  const log = f.log;
  const rolledBack = !!log && (log.deactivated || log.revoked || log.confirmTimeout);
  const activationTried = !!log && PHASES.indexOf(log.phase) >= PHASES.indexOf("activating");
  // deploy-rs's exit code is the whole run's: in a run of several nodes, one that finished its
  // activation ("Deployment confirmed." / "Success activating...") counts as done even if a later one failed
  const nodeDone = f.exitCode === 0 || log?.phase === "done";
  const out = { ...base, toplevel, newSystem, generationAfter: a.profileGeneration };
  const gen = a.profileGeneration === null ? "" : `, generation ${a.profileGeneration}`;

  if (f.boot && nodeDone && profileAtTarget && !rolledBack) {
    return {
      ...out,
      status: "succeeded",
      kind: "boot",
      message: `${describe(a, toplevel)} will run after the next boot${gen}; ${short(newSystem)} runs until then`,
    };
  }
  if (nodeDone && atTarget && profileAtTarget && !rolledBack) {
    return changed
      ? { ...out, status: "succeeded", kind: "changed", message: `system changed to ${describe(a, newSystem)}${gen}` }
      : { ...out, status: "succeeded", kind: "reactivated", message: `system already was ${describe(a, newSystem)}; re-activated${gen}` };
  }
  if (!changed && !profileMoved) {
    if (rolledBack) {
      const kind: OutcomeKind = log.revoked ? "revoked" : log.confirmTimeout || log.confirmFailed ? "magic-rollback" : "auto-rollback";
      const why =
        kind === "revoked"
          ? "another node of the run failed and deploy-rs revoked this one"
          : kind === "magic-rollback"
            ? "the activation was not confirmed in time (magic rollback)"
            : "the activation failed and was undone (auto rollback)";
      return { ...out, status: "rolled-back", kind, message: `rolled back: ${why}; ${describe(a, newSystem)} is still active${reason(f)}` };
    }
    if (!activationTried) {
      return {
        ...out,
        status: "failed",
        kind: "before-activation",
        message: `deploy ${exitText(f.exitCode)} before activating anything; ${describe(a, newSystem)} is still active${reason(f)}`,
      };
    }
    return {
      ...out,
      status: "failed",
      kind: "unchanged",
      message: `deploy ${exitText(f.exitCode)}; nothing changed, ${describe(a, newSystem)} is still active${reason(f)}`,
    };
  }
  const now = `now runs ${describe(a, newSystem)}${gen}`;
  const expected = atTarget
    ? ", the deployed system, but its activation failed"
    : toplevel
      ? `, not the deployed ${short(toplevel)}`
      : deployedPath
        ? `; the deployed ${short(deployedPath)} is not on the machine`
        : "";
  const profileNote = profileMoved && !profileAtTarget ? `; the system profile points at ${short(profileAfter)}` : "";
  return {
    ...out,
    status: "failed",
    kind: "after-activation",
    message: `deploy ${exitText(f.exitCode)} and the machine ${now}${expected}${profileNote}; check the machine${reason(f)}`,
  };
}
