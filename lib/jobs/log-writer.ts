import "server-only";
// One job's log on its way to the database: numbered lines, written in batches (every flushMs or
// batchLines lines, one transaction each), bounded to maxBytes (then one marker line, the rest is
// dropped; the job goes on). When the database is busy, push() returns a promise: backpressure.
import type { LogLine, LogStore, LogStream } from "./log-store";

export type LogWriterOptions = {
  maxBytes: number;
  flushMs: number;
  batchLines: number;
  /** Called after each batch is committed, in order (seq strictly increasing across calls). */
  onBatch?: (lines: LogLine[]) => void;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class LogWriter {
  private buf: LogLine[] = [];
  private seq: number;
  private bytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private pending: Promise<void> | null = null;
  private lastNow = 0;
  private lastDate = new Date(0);
  truncated = false;

  constructor(
    readonly jobId: number,
    private readonly store: LogStore,
    private readonly opts: LogWriterOptions,
    startSeq = 0,
  ) {
    this.seq = startSeq;
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** Adds a line. Returns a promise only when the caller should wait (the database is busy). */
  push(stream: LogStream, text: string): void | Promise<void> {
    if (this.truncated) return;
    const size = Buffer.byteLength(text) + 1;
    if (this.bytes + size > this.opts.maxBytes) {
      this.truncated = true;
      this.add("system", `[log truncated: more than ${this.opts.maxBytes} bytes; further output is not stored, the job goes on]`);
      return this.flush();
    }
    this.bytes += size;
    this.add(stream, text);
    if (this.buf.length >= this.opts.batchLines) return this.flush();
    this.armTimer();
  }

  /** A line of the panel's own (steps, outcome); never dropped by the size bound. A text with
   * newlines (an error message with a stderr tail) becomes one line per line. */
  system(text: string): void | Promise<void> {
    for (const part of text.split(/\r?\n/)) this.add("system", part);
    if (this.buf.length >= this.opts.batchLines) return this.flush();
    this.armTimer();
  }

  /** Writes what is buffered. Synchronous unless the database is busy. */
  flush(): void | Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending) return this.pending.then(() => this.flush());
    if (this.buf.length === 0) return;
    const batch = this.buf;
    this.buf = [];
    if (this.store.tryAppend(this.jobId, batch)) return this.opts.onBatch?.(batch);
    this.pending = this.retry(batch).finally(() => (this.pending = null));
    return this.pending;
  }

  /** Flushes everything, waiting out a busy database. */
  async close(): Promise<void> {
    await this.flush();
    while (this.pending) await this.pending;
    if (this.buf.length) await this.flush();
  }

  private armTimer(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      Promise.resolve()
        .then(() => this.flush())
        .catch((err: unknown) => console.error("[jobs] log write failed:", err instanceof Error ? err.message : err));
    }, this.opts.flushMs);
  }

  private add(stream: LogStream, text: string): void {
    // Lines of the same millisecond share one Date (a chatty build prints thousands per ms).
    const now = Date.now();
    if (now !== this.lastNow) {
      this.lastNow = now;
      this.lastDate = new Date(now);
    }
    this.buf.push({ seq: ++this.seq, stream, text, at: this.lastDate });
  }

  private async retry(batch: LogLine[]): Promise<void> {
    for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
      await sleep(wait);
      if (this.store.tryAppend(this.jobId, batch)) break;
    }
    this.opts.onBatch?.(batch);
  }
}
