// Runs every check on an interval and keeps the latest result of each; emits what changed.
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
};

/** `change`: results that differ for display; `round`: every result of a round (the health history). */
export class HealthMonitor extends EventEmitter<{ change: [HealthSnapshot]; round: [HealthSnapshot] }> {
  private results: HealthSnapshot = {};
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private rerun = false;

  constructor(private readonly opts: MonitorOptions) {
    super();
  }

  snapshot(): HealthSnapshot {
    return { ...this.results };
  }

  /** Starts the interval; resolves after the first round so first paint has every status. */
  async start(): Promise<void> {
    await this.refresh();
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
    const queue = [...targets];
    const worker = async () => {
      for (let t = queue.shift(); t; t = queue.shift()) next[t.key] = await this.check(t);
    };
    await Promise.all(Array.from({ length: this.opts.concurrency ?? 8 }, worker));
    const changed: HealthSnapshot = {};
    for (const [key, r] of Object.entries(next)) {
      if (!sameResult(this.results[key], r)) changed[key] = r;
    }
    const removed = Object.keys(this.results).filter((k) => !(k in next));
    this.results = next;
    for (const key of removed)
      changed[key] = { status: "unknown", latencyMs: null, detail: "no check", checkedAt: new Date().toISOString() };
    if (Object.keys(changed).length) this.emit("change", changed);
    this.emit("round", next);
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
