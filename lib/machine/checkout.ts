import "server-only";
// The flake checkout on a machine's build host, as the machine page shows it (read over SSH within
// a bound: a host that is down shows why instead of hanging the page), and "Fetch" (git fetch of
// its upstream, then the state again).
import { cache } from "react";
import { commandLine, gitFastForward, gitFetch, gitState } from "../commands";
import { ConflictError, ValidationError } from "../errors";
import { db as defaultDb, type Db } from "../db/client";
import { parseCheckoutState, type CheckoutState } from "../git/checkout-state";
import { jobMachine } from "../jobs/machine-targets";
import { ExecError } from "../ssh/errors";
import { sshPool, type SshPool } from "../ssh/pool";
import { run } from "../ssh/run";
import { explainError } from "./explain-error";

export type CheckoutRead =
  | { ok: true; state: CheckoutState; dir: string; host: string }
  | { ok: false; error: string; setup: boolean; dir: string | null; host: string | null };

const lastLine = (s: string) => s.trim().split("\n").at(-1) ?? "";

function failure(err: unknown, dir: string | null, host: string | null, timeoutMs: number, signal?: AbortSignal): CheckoutRead {
  if (signal?.aborted) return { ok: false, error: `no answer within ${timeoutMs / 1000} s`, setup: false, dir, host };
  if (err instanceof ExecError && err.reason === "exit") {
    const why =
      err.exitCode === 3
        ? `${dir} does not exist on ${host}`
        : err.exitCode === 4
          ? `${dir} is not a git repository`
          : lastLine(err.stderrTail) || err.message;
    return { ok: false, error: why, setup: false, dir, host };
  }
  const { text, setup } = explainError(err);
  return { ok: false, error: text, setup, dir, host };
}

/** Where the machine and the SSH connections come from (tests pass their own). */
export type CheckoutDeps = { db: Db; pool: SshPool };
const globals = (): CheckoutDeps => ({ db: defaultDb(), pool: sshPool() });

export async function readCheckout(name: string, timeoutMs = 8000, deps: CheckoutDeps = globals()): Promise<CheckoutRead> {
  let m;
  try {
    m = await jobMachine(deps.db, name, deps.pool.settings.keyFile);
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err), setup: false, dir: null, host: null };
  }
  const host = m.builder.target.machine;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const cmd = gitState({ sshUser: m.builder.sshUser }, m.flakeDir);
    const out = await run(m.builder.target, commandLine(cmd), { signal, timeoutMs, label: cmd.description, pool: deps.pool });
    return { ok: true, state: parseCheckoutState(out), dir: m.flakeDir, host };
  } catch (err) {
    return failure(err, m.flakeDir, host, timeoutMs, signal);
  }
}

/** One read per request, shared by the status card (drift) and the checkout card. */
export const machineCheckout = cache((name: string) => readCheckout(name));

/** `git fetch` in the checkout on the build host, then its state. Throws ExecError when the fetch fails. */
export async function fetchCheckout(name: string, timeoutMs = 60_000, deps: CheckoutDeps = globals()): Promise<CheckoutRead> {
  const m = await jobMachine(deps.db, name, deps.pool.settings.keyFile);
  const cmd = gitFetch({ sshUser: m.builder.sshUser }, m.flakeDir);
  await run(m.builder.target, commandLine(cmd), { timeoutMs, label: cmd.description, pool: deps.pool });
  return readCheckout(name, 8000, deps);
}

/**
 * Pull on confirmation: fast-forward the checkout to `commit`, which must still be one of the
 * incoming commits (fetched and shown). Refused while a change (deploy, rollback) of the machine
 * runs or waits. Returns the checkout's state after it.
 */
export async function pullCheckout(name: string, commit: string, deps: CheckoutDeps = globals()): Promise<CheckoutRead> {
  const m = await jobMachine(deps.db, name, deps.pool.settings.keyFile);
  const before = await readCheckout(name, 20_000, deps);
  if (!before.ok) throw new ValidationError(`The checkout cannot be read: ${before.error}`);
  if (!before.state.incoming.some((c) => c.hash === commit))
    throw new ConflictError(`${commit.slice(0, 7)} is not an incoming commit of ${before.dir} (any more): fetch again.`);
  const cmd = gitFastForward({ sshUser: m.builder.sshUser }, m.flakeDir, commit);
  await run(m.builder.target, commandLine(cmd), { timeoutMs: 60_000, label: cmd.description, pool: deps.pool });
  return readCheckout(name, 20_000, deps);
}
