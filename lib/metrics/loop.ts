import "server-only";
// One loop per watched machine: reads its figures every interval and emits each reading; a
// failed reading is a state with no figures and the reason, retried with backoff (at most four
// intervals). Started by the first viewer and stopped by the last (lib/live/metrics.ts).
import { EventEmitter } from "node:events";
import { MetricsSourceError } from "./http";
import type { ReadLimits, ReadMemory } from "./read";
import type { MetricsSource } from "./source";
import type { MachineFigures, WireMetrics } from "./types";

export type MetricsLoopDeps = {
  load(machine: string): Promise<MetricsSource>;
  read(source: MetricsSource, memory: ReadMemory, limits: ReadLimits): Promise<MachineFigures>;
  intervalMs: number;
  timeoutMs: number;
};

/** CPU values kept for the card's sparkline. */
export const SPARK_POINTS = 30;

export class MetricsLoop extends EventEmitter<{ state: [WireMetrics] }> {
  current: WireMetrics | null = null;
  /** Readings made (tests and the benchmark). */
  reads = 0;
  private readonly stopper = new AbortController();
  private readonly memory: ReadMemory = { counters: null };
  private spark: number[] = [];
  private running = false;

  constructor(
    readonly machine: string,
    private readonly deps: MetricsLoopDeps,
  ) {
    super();
  }

  start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.stopper.abort();
    this.removeAllListeners();
  }

  get stopped(): boolean {
    return this.stopper.signal.aborted;
  }

  /** Seeds the sparkline (e.g. from the cache of an earlier loop of this machine). */
  seed(spark: readonly number[]): void {
    if (this.spark.length === 0) this.spark = spark.slice(-SPARK_POINTS);
  }

  private async loop(): Promise<void> {
    let delay = this.deps.intervalMs;
    while (!this.stopped) {
      const next = await this.once_();
      if (this.stopped) return;
      delay = next.error ? Math.min(delay * 2, this.deps.intervalMs * 4) : this.deps.intervalMs;
      this.current = next;
      this.emit("state", next);
      await new Promise<void>((r) => {
        const t = setTimeout(r, delay);
        this.stopper.signal.addEventListener("abort", () => (clearTimeout(t), r()), { once: true });
      });
    }
  }

  private async once_(): Promise<WireMetrics> {
    const at = new Date().toISOString();
    let source: MetricsSource | null = null;
    try {
      source = await this.deps.load(this.machine);
      this.reads += 1;
      const figures = await this.deps.read(source, this.memory, { timeoutMs: this.deps.timeoutMs, signal: this.stopper.signal });
      if (figures.cpuPercent !== null) this.spark = [...this.spark, round(figures.cpuPercent)].slice(-SPARK_POINTS);
      return { machine: this.machine, source: source.kind === "none" ? null : source.kind, at, figures, error: null, cpuSpark: this.spark };
    } catch (err) {
      this.memory.counters = null; // a rate across an outage would be an average over it
      const why = err instanceof MetricsSourceError ? err.message : `reading failed: ${err instanceof Error ? err.message : String(err)}`;
      const kind = source && source.kind !== "none" ? source.kind : null;
      return { machine: this.machine, source: kind, at, figures: null, error: why.slice(0, 300), cpuSpark: this.spark };
    }
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
