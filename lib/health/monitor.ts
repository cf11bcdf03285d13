// Runs every check on an interval and keeps the latest result of each; emits what changed. A round
// reports as one batch when it ends within the slow threshold; a longer one (unreachable hosts that
// run into their time-out) reports what it has after the threshold and then every FLUSH_MS, so one
// black-holed machine delays neither the other statuses nor start-up.
import { EventEmitter } from "node:events";
import { runCheck, type CheckOptions } from "./check";
import { targetHost } from "./targets";
import type { AllowList } from "./allow";
import type { HealthResult, HealthSnapshot, HealthTarget } from "./types";

export type MonitorOptions = CheckOptions & {
  intervalMs: number;
  allow: AllowList;
  loadTargets: () => Promise<HealthTarget[]>;
  concurrency?: number;
  /**
   * How long start() waits for the first round (default slowMs): the results in by then are in the
   * first page; an unreachable host's time-out does not hold back listening (HEALTH_START_WAIT_MS).
   */
  startWaitMs?: number;
};

/** How often a round that outlasts the slow threshold pushes what it has found since. */
export const FLUSH_MS = 250;
/**
 * Checks at once: most wait on the network (a time-out costs no CPU), so well above the cores, and
 * above the number of hosts likely to be off at once: a check waiting for a free slot behind
 * time-outs would show its result a whole time-out late (bench:fleet: 50 machines, 23 black-holed).
 */
export const DEFAULT_CONCURRENCY = 128;

/**
 * `change`: results that differ for display, and whether a status or its reason changed (not only a
 * latency or the time of the check: what a cached page would show wrongly); `round`: every result of
 * a round (the health history).
 */
export class HealthMonitor extends EventEmitter<{ change: [HealthSnapshot, boolean]; round: [HealthSnapshot] }> {
  private results: HealthSnapshot = {};
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private rerun = false;
  /** Results of the running round not yet applied and emitted. */
  private pending: HealthSnapshot = {};
  /** Set while a long round pushes what it has every FLUSH_MS. */
  private flusher: NodeJS.Timeout | null = null;

  constructor(private readonly opts: MonitorOptions) {
    super();
  }

  snapshot(): HealthSnapshot {
    return { ...this.results };
  }

  /**
   * Starts the interval; resolves after the first round, or after startWaitMs if the round takes
   * longer: what answered by then is applied at once (so it is in the first paint), the rest is
   * pushed as it arrives.
   */
  async start(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const threshold = new Promise<void>((done) => (timer = setTimeout(done, this.opts.startWaitMs ?? this.opts.slowMs)));
    await Promise.race([this.refresh(), threshold]);
    clearTimeout(timer);
    // The page is served from now on: what the first round finds is pushed as it comes.
    if (this.round) this.beginFlushing();
    this.timer ??= setInterval(() => void this.refresh(), this.opts.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs a round now (e.g. after an inventory change); coalesces overlapping calls. */
  refresh(): Promise<void> {
    if (this.round) {
      this.rerun = true;
      return this.round;
    }
    this.round = this.runRound().finally(() => {
      this.round = null;
      if (this.rerun) {
        this.rerun = false;
        void this.refresh();
      }
    });
    return this.round;
  }

  private async runRound(): Promise<void> {
    const targets = await this.opts.loadTargets();
    const next: HealthSnapshot = {};
    // Machines first: whether a host answers at all is what a fleet's page is read for.
    const queue = [...targets.filter((t) => t.key.startsWith("machine:")), ...targets.filter((t) => !t.key.startsWith("machine:"))];
    const startFlushing = setTimeout(() => this.beginFlushing(), this.opts.slowMs);
    const worker = async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        const r = await this.check(t);
        next[t.key] = r;
        if (!sameResult(this.results[t.key], r)) this.pending[t.key] = r;
      }
    };
    try {
      await Promise.all(Array.from({ length: this.opts.concurrency ?? DEFAULT_CONCURRENCY }, worker));
    } finally {
      clearTimeout(startFlushing);
      if (this.flusher) clearInterval(this.flusher);
      this.flusher = null;
    }
    const removed = Object.keys(this.results).filter((k) => !(k in next));
    for (const key of removed)
      this.pending[key] = { status: "unknown", latencyMs: null, detail: "no check", checkedAt: new Date().toISOString() };
    this.flush();
    // The latest result of every target (also those equal for display: their time and latency).
    this.results = next;
    this.emit("round", next);
  }

  /** From now until the round ends: apply what it has found, then again every FLUSH_MS. */
  private beginFlushing(): void {
    if (this.flusher) return;
    this.flush();
    this.flusher = setInterval(() => this.flush(), FLUSH_MS);
  }

  /** Applies the round's new results to the snapshot and emits them as one change. */
  private flush(): void {
    const changed = this.pending;
    if (Object.keys(changed).length === 0) return;
    this.pending = {};
    const statuses = Object.entries(changed).some(([k, r]) => this.results[k]?.status !== r.status || this.results[k]?.detail !== r.detail);
    this.results = { ...this.results, ...changed };
    this.emit("change", changed, statuses);
  }

  private check(t: HealthTarget): Promise<HealthResult> {
    let host: string;
    try {
      host = targetHost(t);
    } catch {
      // A malformed URL must not reject the whole round (and the interval's unhandled promise).
      return Promise.resolve({ status: "down", latencyMs: null, detail: "invalid target", checkedAt: new Date().toISOString() });
    }
    if (!this.opts.allow(host)) {
      return Promise.resolve({
        status: "unknown",
        latencyMs: null,
        detail: "not checked: host outside HEALTH_CHECK_ALLOW",
        checkedAt: new Date().toISOString(),
      });
    }
    return runCheck(t, { ...this.opts, guard: (address, host) => this.opts.allow.address(address, host) });
  }
}

/** Equal for display: same status and detail, latency within 20% or 20 ms. */
function sameResult(a: HealthResult | undefined, b: HealthResult): boolean {
  if (!a || a.status !== b.status || a.detail !== b.detail) return false;
  if (a.latencyMs === null || b.latencyMs === null) return a.latencyMs === b.latencyMs;
  return Math.abs(a.latencyMs - b.latencyMs) <= Math.max(20, a.latencyMs * 0.2);
}
