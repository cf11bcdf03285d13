import "server-only";
// The building blocks of a job: run one catalogue command with its output streamed into the log,
// and read the running system. Errors (cancel, timeout, lost connection) propagate as ExecError.
import { commandLine, currentSystem, gitState, systemFacts, type RemoteCommand } from "../commands";
import { parseCheckoutState } from "../git/checkout-state";
import { checkoutLogLine, jobCommitOf, NO_COMMIT, type JobCommit } from "../git/job-commit";
import { parseSystemFacts, profileGenerationOf, type SystemFacts } from "../nix/system-facts";
import { exec, type OutputStream } from "../ssh/exec";
import { ExecError } from "../ssh/errors";
import type { SshPool } from "../ssh/pool";
import { run } from "../ssh/run";
import type { LogWriter } from "./log-writer";
import type { Endpoint } from "./machine-targets";

const READ_ATTEMPTS = 3;

export type StepContext = {
  log: LogWriter;
  pool: SshPool;
  signal: AbortSignal;
  /** Epoch ms by which the whole job must be done. */
  deadline: number;
  timeoutLabel: string;
  onRemotePid: (pid: number) => void;
};

/** A command ready for ssh: its line, a description, and whether stopping it half-way is safe. */
export type Step = { line: string; description: string; cancellable: boolean };

export function stepOf(cmd: RemoteCommand): Step {
  return { line: commandLine(cmd), description: cmd.description, cancellable: cmd.cancellable };
}

function remaining(c: StepContext, what: string): number {
  const ms = c.deadline - Date.now();
  if (ms <= 0) throw new ExecError("timeout", `the ${c.timeoutLabel} time-out passed`, { command: what });
  return ms;
}

/** Runs a step on a machine; resolves with its exit code (null when killed by a signal). */
export async function runStep(
  c: StepContext,
  at: Endpoint,
  step: Step,
  onLine?: (stream: OutputStream, line: string) => void,
): Promise<number | null> {
  await c.log.system(`$ ${step.description} (on ${at.target.machine})`);
  const result = await exec(at.target, {
    command: step.line,
    label: step.description,
    pool: c.pool,
    // A step that must not be stopped half-way is not tied to the job's cancel signal.
    signal: step.cancellable ? c.signal : undefined,
    timeoutMs: remaining(c, step.description),
    onRemotePid: c.onRemotePid,
    onLine: (stream, line) => {
      onLine?.(stream, line);
      return c.log.push(stream, line);
    },
  });
  await c.log.system(result.exitCode === null ? `killed by ${result.signal ?? "a signal"}` : `exit status ${result.exitCode}`);
  return result.exitCode;
}

/** Runs a read-only command, retrying a dropped connection (the pool reconnects) instead of failing
 * a deploy that may already have activated. */
async function readOnly(c: StepContext, at: Endpoint, cmd: RemoteCommand): Promise<string> {
  const read = () =>
    run(at.target, commandLine(cmd), { pool: c.pool, signal: c.signal, timeoutMs: Math.min(60_000, remaining(c, cmd.description)) });
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof ExecError && err.reason === "connection_lost") || attempt >= READ_ATTEMPTS || c.signal?.aborted) throw err;
      await c.log.system(`${cmd.description.toLowerCase()}: ${err.message}; trying again`);
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

/** The whole stdout of a read-only command (not logged line by line: e.g. a flake.lock). */
export const readText = (c: StepContext, at: Endpoint, cmd: RemoteCommand): Promise<string> => readOnly(c, at, cmd);

/** The store path /run/current-system points at. */
export async function readCurrentSystem(c: StepContext, at: Endpoint, when: string): Promise<string> {
  const [cmd] = currentSystem({ sshUser: at.sshUser });
  const path = (await readOnly(c, at, cmd)).trim();
  await c.log.system(`current system ${when}: ${path}`);
  return path;
}

const short = (p: string | null) => (p ? p.replace(/^\/nix\/store\/[0-9a-z]{32}-/, "") : "(none)");

/**
 * What runs on the machine and what its system profile points at (the generation, and the NixOS
 * system inside when it is deploy-rs's wrapper); `paths` are store paths to look into as well.
 * Throws when /run/current-system cannot be read.
 */
export async function readSystemFacts(c: StepContext, at: Endpoint, when: string, paths: string[] = []): Promise<SystemFacts> {
  const facts = parseSystemFacts(await readOnly(c, at, systemFacts({ sshUser: at.sshUser }, paths)));
  if (!facts.current) throw new ExecError("exit", `cannot read /run/current-system on ${at.target.machine}`, { command: "system facts" });
  const gen = profileGenerationOf(facts);
  const inside = gen?.wrapped ? ` (deploy-rs wrapper ${short(gen.target)})` : "";
  await c.log.system(`current system ${when}: ${facts.current}; system profile: generation ${facts.profileGeneration ?? "?"}${inside}`);
  return facts;
}

/**
 * The commit the job builds from: HEAD of the flake checkout on `at` (the build host), read before
 * the job's command runs. A checkout that cannot be read is said in the log and does not stop the
 * job (a flake outside git still builds).
 */
export async function readJobCommit(c: StepContext, at: Endpoint, flakeDir: string): Promise<JobCommit> {
  try {
    const state = parseCheckoutState(await readOnly(c, at, gitState({ sshUser: at.sshUser }, flakeDir)));
    await c.log.system(checkoutLogLine(state));
    return jobCommitOf(state);
  } catch (err) {
    // Only the checkout itself may be missing (no directory, not a git repository); a machine that
    // cannot be reached, a cancel or a time-out ends the job as any step would.
    if (!(err instanceof ExecError && (err.reason === "exit" || err.reason === "output_too_large"))) throw err;
    const why = err.stderrTail ? `${err.message}: ${err.stderrTail.trim().split("\n").at(-1)}` : err.message;
    await c.log.system(`flake checkout: commit unknown (${why})`);
    return NO_COMMIT;
  }
}
