import "server-only";
// The job runner: a queue per machine for jobs that change it, read-only jobs at once, logs in
// batches, cancel, time-outs, recovery at start-up, drain at shutdown. Emits "job" (status
// changes), "lines" (each committed log batch, seq increasing) and "queue" (a machine's queue).
import { EventEmitter } from "node:events";
import { db as defaultDb, type Db } from "../db/client";
import { env } from "../env";
import { ConflictError, ValidationError } from "../errors";
import { sshPool, type SshPool } from "../ssh/pool";
import { executeJob } from "./execute-job";
import { isHostKeyError, recordPresentedKey } from "./host-keys";
import { verdictOf } from "./job-errors";
import { createFleet, FleetChildren } from "./fleet-children";
import { recoverFleets } from "./fleet-store";
import type { FleetStatus } from "../wire/fleet";
import { finishJob, insertJob, loadJob, markRunning, recoverJobs, setRunningFields, type Finish, type Leftover } from "./job-store";
import type { MachineBusy } from "../wire/job";
import { isChange, isFinished, isJobKind, type JobKind, type JobStatus } from "../wire/job-kinds";
import { promoteArgs, type PromoteArgs } from "../wire/promote";
import { BUILDER_ONLY_KINDS, jobArgsSchemas, TIMEOUT_CLASS } from "./kinds";
import { stopLeftovers, type LeftoverResult } from "./leftovers";
import { LogStore, type LogLine } from "./log-store";
import { LogWriter } from "./log-writer";
import { MachineQueues } from "./machine-queues";
import { assertMayBuild, jobMachine } from "./machine-targets";
import { runnerSettingsFromEnv, type RunnerSettings } from "./runner-options";

export type JobUpdate = { id: number; machine: string; kind: JobKind; status: JobStatus; message: string; position: number | null };
export type JobEvents = {
  job: [JobUpdate];
  lines: [{ jobId: number; lines: LogLine[] }];
  queue: [{ machine: string; running: number | null; waiting: number[] }];
  /** A fleet run became final (its last child ended). */
  fleet: [{ id: number; status: FleetStatus }];
};
export type RunnerOptions = { db?: Db; databaseUrl?: string; pool?: SshPool; settings?: Partial<RunnerSettings> };
export type StartRequest = {
  machine: string;
  kind: JobKind;
  args: unknown;
  requestedById: number | null;
  /** A promote (lib/machine/promote.ts): deploys this revision from a scratch copy; never from the API's args. */
  promote?: PromoteArgs;
  /** Refuse (ConflictError) a change while another change to the machine runs or waits, instead of queueing it. */
  exclusive?: boolean;
};

type Active = { id: number; machine: string; kind: JobKind; controller: AbortController; cancelReason: string | null; done: Promise<void> };

export class JobRunner extends EventEmitter<JobEvents> {
  private readonly queues = new MachineQueues();
  private readonly active = new Map<number, Active>();
  private readonly waiting = new Map<number, { machine: string; kind: JobKind; args: unknown }>();
  /** Machines an exclusive request is being inserted for (between the check and the queue). */
  private readonly reserved = new Set<string>();
  private readonly fleets = new FleetChildren(
    () => this.db,
    (f) => this.emit("fleet", f),
  );
  private readonly settings: RunnerSettings;
  private store: LogStore | null = null;
  private state: "new" | "started" | "stopping" = "new";
  private stoppedLeftovers: Promise<LeftoverResult[]> = Promise.resolve([]);

  constructor(private readonly opts: RunnerOptions = {}) {
    super();
    this.setMaxListeners(0);
    this.settings = { ...runnerSettingsFromEnv(), ...opts.settings };
  }

  private get db(): Db {
    return this.opts.db ?? defaultDb();
  }
  private get pool(): SshPool {
    return this.opts.pool ?? sshPool();
  }

  /**
   * Recovery: jobs left running by a previous process become interrupted, queued ones cancelled.
   * What the interrupted ones left running on their hosts is stopped in the background (bounded,
   * never delaying start-up); `leftovers()` resolves with the outcome.
   */
  async start(): Promise<{ interrupted: number[]; cancelled: number[] }> {
    if (this.state !== "new") return { interrupted: [], cancelled: [] };
    const { leftovers, ...report } = await recoverJobs(this.db);
    await recoverFleets(this.db);
    this.store = new LogStore(this.opts.databaseUrl ?? env().DATABASE_URL);
    this.state = "started";
    if (leftovers.length > 0) this.stoppedLeftovers = this.stopLeftovers(leftovers);
    return report;
  }

  /** What start-up did about processes interrupted jobs left on their hosts. */
  leftovers(): Promise<LeftoverResult[]> {
    return this.stoppedLeftovers;
  }

  private stopLeftovers(leftovers: Leftover[]): Promise<LeftoverResult[]> {
    const pool = this.pool;
    const note = async (jobId: number, text: string) => {
      const log = new LogWriter(
        jobId,
        this.store!,
        { ...this.settings, maxBytes: this.settings.logMaxBytes, onBatch: (lines) => this.emit("lines", { jobId, lines }) },
        this.store!.lastSeq(jobId),
      );
      await log.system(text);
      await log.close();
    };
    const boundMs = pool.settings.connectTimeoutMs + pool.settings.killGraceMs + 10_000;
    return stopLeftovers(leftovers, { db: this.db, pool, boundMs, note }).catch((err: unknown) => {
      console.error("[jobs] recovery on the hosts failed:", err);
      return [];
    });
  }

  get accepting(): boolean {
    return this.state === "started";
  }

  private assertAccepting(): void {
    if (this.state !== "started")
      throw new ConflictError(this.state === "new" ? "The job runner has not started yet." : "The panel is shutting down.");
  }

  async enqueue(req: StartRequest): Promise<{ id: number; position: number | null }> {
    this.assertAccepting();
    if (typeof req.kind !== "string" || !isJobKind(req.kind)) throw new ValidationError("Unknown job kind.", { kind: "not a job kind" });
    const parsed = jobArgsSchemas[req.kind].safeParse(req.args ?? {});
    if (!parsed.success)
      throw new ValidationError(
        "Invalid job arguments.",
        Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "args", i.message])),
      );
    const builderOnly = BUILDER_ONLY_KINDS.includes(req.kind);
    const m = await jobMachine(this.db, req.machine, this.pool.settings.keyFile, { builderOnly });
    assertMayBuild(m, req.kind);
    if (!m.deployable && ["deploy", "rollback", "dry-run"].includes(req.kind)) throw new ValidationError(`${m.name} is not deployable.`);
    const exclusive = req.exclusive === true && isChange(req.kind);
    if (exclusive) this.reserve(m.name, req.kind);
    try {
      // The promote part never comes from `args` (the API's deploy takes none): only lib/machine/promote.ts sets it.
      const args = req.promote && req.kind === "deploy" ? { ...parsed.data, promote: promoteArgs.parse(req.promote) } : parsed.data;
      return await this.insertAndQueue(req, m, args);
    } finally {
      if (exclusive) this.reserved.delete(m.name);
    }
  }

  /** Throws ConflictError when a change to `machine` runs, waits, or is being requested. */
  private reserve(machine: string, kind: JobKind): void {
    const busy = this.busy(machine);
    const what = busy.running
      ? `${busy.running.kind} #${busy.running.id} is running`
      : busy.waiting.length
        ? `${busy.waiting.length} change(s) wait`
        : this.reserved.has(machine)
          ? "another change is being started"
          : null;
    if (what) throw new ConflictError(`Not starting a ${kind} on ${machine}: ${what}. Wait until it has finished.`);
    this.reserved.add(machine);
  }

  /** What changes `machine` now: the running change (id, kind) and the ids waiting, in order. */
  busy(machine: string): MachineBusy {
    const snap = this.queues.snapshot(machine);
    if (snap.running === null) return { running: null, waiting: snap.waiting };
    const kind = this.active.get(snap.running)?.kind ?? this.waiting.get(snap.running)?.kind ?? "change";
    return { running: { id: snap.running, kind }, waiting: snap.waiting };
  }

  private async insertAndQueue(
    req: StartRequest,
    m: { id: number; name: string },
    args: unknown,
  ): Promise<{ id: number; position: number | null }> {
    const promotedFrom = req.kind === "deploy" ? (req.promote?.from ?? null) : null;
    const row = await insertJob(this.db, { kind: req.kind, machineId: m.id, args, requestedById: req.requestedById, promotedFrom });
    this.queue(row.id, m.name, req.kind, args);
    return { id: row.id, position: this.queues.position(row.id) };
  }

  private queue(id: number, machine: string, kind: JobKind, args: unknown): void {
    this.waiting.set(id, { machine, kind, args });
    const now = !isChange(kind) || this.queues.add(machine, id);
    this.update(id, "queued", "");
    if (now) this.launch(id);
    else this.emitQueue(machine);
  }

  /**
   * A fleet deploy: every machine checked first (one refusal refuses all, naming each), then the
   * parent and one deploy job per machine in one transaction, each queued on its machine like a
   * single deploy (waiting behind, and blocking, the machine's other changes).
   */
  async enqueueFleet(names: readonly string[], requestedById: number | null): Promise<{ fleetId: number; jobs: number[] }> {
    this.assertAccepting();
    const busy = (m: string) => this.busy(m);
    const { fleetId, children } = await createFleet(this.db, names, { keyFile: this.pool.settings.keyFile, busy, requestedById });
    for (const c of children) {
      this.fleets.add(c.id, fleetId);
      this.queue(c.id, c.machine, "deploy", {});
    }
    return { fleetId, jobs: children.map((c) => c.id) };
  }

  /** Cancels a fleet's children that have not started; running deploys go on (they cannot be stopped). */
  async cancelFleet(children: readonly number[], reason: string): Promise<{ cancelled: number[]; running: number[] }> {
    const cancelled: number[] = [];
    const running: number[] = [];
    for (const id of children) {
      if (this.active.has(id)) running.push(id);
      else if (this.waiting.has(id) && (await this.cancel(id, reason)) === "cancelled") cancelled.push(id);
    }
    return { cancelled, running };
  }

  /** Jobs ahead of a queued job on its machine (the running one counts); null when not waiting. */
  position(id: number): number | null {
    return this.queues.position(id);
  }

  /** "cancelled" (was queued), "stopping" (running: killed remotely, ends cancelled), "already-ended". */
  async cancel(id: number, reason: string): Promise<"cancelled" | "stopping" | "already-ended"> {
    const queued = this.waiting.get(id);
    if (queued && !this.active.has(id)) {
      this.waiting.delete(id);
      this.queues.remove(queued.machine, id);
      if (await finishJob(this.db, id, { status: "cancelled", message: reason }, ["queued"])) this.update(id, "cancelled", reason, queued);
      this.emitQueue(queued.machine);
      await this.fleets.ended(id);
      return "cancelled";
    }
    const a = this.active.get(id);
    if (a) {
      if (isChange(a.kind))
        throw new ConflictError(
          `A ${a.kind} cannot be stopped once it started: interrupting activation can leave a half-switched machine.`,
        );
      a.cancelReason = reason;
      a.controller.abort();
      return "stopping";
    }
    const job = await loadJob(this.db, id);
    if (isFinished(job.status)) return "already-ended";
    throw new ConflictError(`Job ${id} is not handled by this panel process.`);
  }

  /** Resolves when nothing runs or waits (tests, the benchmark). */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.all([...this.active.values()].map((a) => a.done));
  }

  /** Stop taking jobs, cancel waiting ones, give running ones `graceMs`, then stop or mark them interrupted. */
  async shutdown(graceMs: number): Promise<void> {
    if (this.state === "stopping") return;
    this.state = "stopping";
    for (const { jobId } of this.queues.allWaiting()) await this.cancel(jobId, "Cancelled: the panel shut down before this job started.");
    const settled = (ms: number) => Promise.race([this.idle(), new Promise((r) => setTimeout(r, ms).unref())]);
    await settled(graceMs);
    for (const a of this.active.values()) {
      if (!isChange(a.kind)) {
        a.cancelReason = "Cancelled: the panel shut down.";
        a.controller.abort();
      } else
        await finishJob(this.db, a.id, {
          status: "interrupted",
          message: "The panel shut down while this job was running; its outcome is unknown. Check the machine.",
        });
    }
    await settled(Math.max(500, this.pool.settings.killGraceMs));
    for (const a of this.active.values())
      await finishJob(this.db, a.id, { status: "interrupted", message: "The panel shut down while this job was running." });
  }

  private launch(id: number): void {
    const w = this.waiting.get(id);
    if (!w) return;
    this.waiting.delete(id);
    const a: Active = {
      id,
      machine: w.machine,
      kind: w.kind,
      controller: new AbortController(),
      cancelReason: null,
      done: Promise.resolve(),
    };
    this.active.set(id, a);
    a.done = this.run(a, w.args)
      .catch((err: unknown) => console.error(`[jobs] job ${id}:`, err))
      .finally(() => {
        this.active.delete(id);
        if (!isChange(a.kind)) return;
        const next = this.queues.finish(a.machine, id);
        if (next !== null) this.launch(next);
        this.emitQueue(a.machine);
      });
  }

  private async run(a: Active, args: unknown): Promise<void> {
    if (!(await markRunning(this.db, a.id))) return;
    this.update(a.id, "running", "");
    const log = new LogWriter(a.id, this.store!, {
      ...this.settings,
      maxBytes: this.settings.logMaxBytes,
      onBatch: (lines) => this.emit("lines", { jobId: a.id, lines }),
    });
    let verdict: Finish;
    try {
      const machine = await jobMachine(this.db, a.machine, this.pool.settings.keyFile, {
        builderOnly: BUILDER_ONLY_KINDS.includes(a.kind),
      });
      // The inventory may have changed while the job waited: a weak device still never builds.
      assertMayBuild(machine, a.kind);
      const cls = TIMEOUT_CLASS[a.kind];
      verdict = await executeJob({
        kind: a.kind,
        args,
        machine,
        log,
        pool: this.pool,
        signal: a.controller.signal,
        deadline: Date.now() + this.settings.timeouts[cls],
        timeoutLabel: `${cls} (${this.settings.timeouts[cls]} ms)`,
        onRemotePid: (remotePid) => void this.recordRemotePid(a.id, remotePid, log),
        onOldSystem: (oldSystem) => setRunningFields(this.db, a.id, { oldSystem }),
        onCommit: (commit) => setRunningFields(this.db, a.id, commit),
        onBuiltOn: (builtOn) => setRunningFields(this.db, a.id, { builtOn }),
        checks: this.settings.checks,
      });
    } catch (err) {
      if (isHostKeyError(err)) await recordPresentedKey(this.db, err);
      verdict = verdictOf(err, a.machine, a.cancelReason);
    }
    await log.system(`${verdict.status}: ${verdict.message}`);
    await log.close();
    if (await finishJob(this.db, a.id, verdict)) this.update(a.id, verdict.status, verdict.message);
    await this.fleets.ended(a.id);
  }

  /**
   * Stores the remote process group a job's command announced: recovery at the next start needs it
   * to stop what a crash left running. A failed write is not silent: it is logged and the job's
   * log says what it means.
   */
  private async recordRemotePid(id: number, remotePid: number, log: LogWriter): Promise<void> {
    try {
      await setRunningFields(this.db, id, { remotePid });
    } catch (err) {
      const why = lastLine(err instanceof Error ? err.message : String(err));
      console.error(`[jobs] job ${id}: could not record its remote process group ${remotePid}:`, err);
      try {
        await log.system(
          `Could not record the remote process group (${remotePid}) of this job: ${why}. ` +
            "Should the panel stop while it runs, the next start cannot stop what it left running on the host.",
        );
      } catch (logErr) {
        console.error(`[jobs] job ${id}: could not note that in its log either:`, logErr);
      }
    }
  }

  private update(id: number, status: JobStatus, message: string, known?: { machine: string; kind: JobKind }): void {
    const info = known ?? this.active.get(id) ?? this.waiting.get(id);
    if (!info) return;
    this.emit("job", { id, machine: info.machine, kind: info.kind, status, message, position: this.queues.position(id) });
  }

  private emitQueue(machine: string): void {
    this.emit("queue", { machine, ...this.queues.snapshot(machine) });
  }
}

/** Prisma's messages open with the call site over several lines and end with the reason: the log gets the reason. */
function lastLine(message: string): string {
  const lines = message
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.at(-1) ?? "unknown error").slice(0, 300);
}
