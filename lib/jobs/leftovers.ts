import "server-only";
// Recovery on the hosts: a job the previous panel process left running may still have its remote
// process group going (a crash drops the SSH connection, and without a pty nothing sends SIGHUP).
// Start-up kills those groups the way cancel does (a session of its own, the group killed, argv
// from lib/commands), within a bound, in the background, and notes the outcome in the job's log.
// A deploy or rollback is left running: stopping one half-way can leave a half-switched machine.
import { commandLine, killLeftoverGroup, parseLeftoverOutcome, type LeftoverOutcome } from "../commands";
import type { Db } from "../db/client";
import { ExecError } from "../ssh/errors";
import type { SshPool } from "../ssh/pool";
import { run } from "../ssh/run";
import type { Leftover } from "./job-store";
import { isChange, isJobKind } from "../wire/job-kinds";
import { BUILDER_ONLY_KINDS, REMOTE_AT } from "./kinds";
import { jobMachine } from "./machine-targets";

export type LeftoverResult = Leftover & { host: string | null; outcome: LeftoverOutcome | "left-running" | "failed"; note: string };

export type LeftoverOptions = {
  db: Db;
  pool: SshPool;
  /** Longest wait per job: connecting, the kill script, its SIGTERM grace. */
  boundMs: number;
  /** Appends a system line to the job's log. */
  note: (jobId: number, text: string) => Promise<void>;
};

/** Never throws; one result per leftover, each already noted in its job's log (when that worked). */
export async function stopLeftovers(leftovers: Leftover[], o: LeftoverOptions): Promise<LeftoverResult[]> {
  return Promise.all(
    leftovers.map(async (l) => {
      const r = await stopOne(l, o);
      await o.note(l.id, r.note).catch((err: unknown) => console.error(`[jobs] job ${l.id}: could not note recovery in its log:`, err));
      return r;
    }),
  );
}

async function stopOne(l: Leftover, o: LeftoverOptions): Promise<LeftoverResult> {
  const group = `process group ${l.remotePid}`;
  if (!isJobKind(l.kind)) return { ...l, host: null, outcome: "failed", note: `Recovery: unknown job kind; ${group} not looked at.` };
  if (isChange(l.kind))
    return {
      ...l,
      host: null,
      outcome: "left-running",
      note: `Recovery: this ${l.kind}'s ${group} was not stopped: stopping a ${l.kind} half-way can leave a half-switched machine. Check the machine before starting another change.`,
    };
  let host: string | null = null;
  try {
    const m = await jobMachine(o.db, l.machine, o.pool.settings.keyFile, { builderOnly: BUILDER_ONLY_KINDS.includes(l.kind) });
    const at = REMOTE_AT[l.kind] === "builder" ? m.builder : m.self;
    host = at.target.machine;
    const cmd = killLeftoverGroup({ sshUser: at.sshUser }, l.remotePid, o.pool.settings.killGraceMs);
    // The signal bounds connecting too (an unreachable host must not hold recovery for minutes).
    const out = await run(at.target, commandLine(cmd), {
      pool: o.pool,
      timeoutMs: o.boundMs,
      signal: AbortSignal.timeout(o.boundMs),
      label: cmd.description,
    });
    const outcome = parseLeftoverOutcome(out);
    if (outcome === null) throw new Error(`unexpected answer ${JSON.stringify(out.slice(-100))}`);
    return { ...l, host, outcome, note: noteOf(outcome, group, host) };
  } catch (err) {
    const why =
      err instanceof ExecError && err.reason === "cancelled"
        ? `no answer within ${o.boundMs / 1000} s`
        : err instanceof Error
          ? err.message
          : String(err);
    return {
      ...l,
      host,
      outcome: "failed",
      note: `Recovery: could not stop what this job may have left running on ${host ?? l.machine} (${group}): ${why}. Check the machine.`,
    };
  }
}

function noteOf(outcome: LeftoverOutcome, group: string, host: string): string {
  switch (outcome) {
    case "terminated":
      return `Recovery: stopped what this job left running on ${host} (${group}, SIGTERM).`;
    case "killed":
      return `Recovery: stopped what this job left running on ${host} (${group}, SIGKILL after SIGTERM was ignored).`;
    case "gone":
      return `Recovery: nothing of this job was still running on ${host} (${group} has ended).`;
    case "not-ours":
      return `Recovery: ${group} on ${host} is no longer this job's SSH session (its id was reused); left alone.`;
  }
}
