import "server-only";
// One socket's subscription to one job's log: the stored lines after `after`, then live lines, in
// seq order with no gap and no repeat, in batches. Live lines that arrive during the replay wait
// (bounded: when too many wait, they are dropped and read back from the store instead). When the
// socket's unsent bytes pass the bound, sending stops and the client is told to re-sync.
// Once caught up, a subscription takes the job's live batches with every other caught-up socket in
// one broadcast (job-logs.ts: encoded once, see takesShared/admitShared).
import type { Socket } from "socket.io";
import type { LogLine } from "../jobs/log-store";
import type { WireJob, WireLogBatch } from "./events";
import { packLines } from "../wire/log-batch";
import { pendingBytes } from "./respond";

export type JobStreamSettings = {
  /** Live lines wait at most this long before they are sent. */
  batchMs: number;
  /** At most this many lines per job:lines event. */
  batchLines: number;
  /** Unsent bytes queued for one socket beyond which it must re-sync from the store. */
  maxPendingBytes: number;
  /** Stored lines read per query during the replay. */
  replayPage: number;
  /** Live lines held during the replay before they are dropped (and re-read from the store). */
  maxEarlyLines: number;
};

export const DEFAULT_JOB_STREAM: JobStreamSettings = {
  batchMs: 25,
  batchLines: 500,
  maxPendingBytes: 4 * 1024 * 1024,
  replayPage: 2000,
  maxEarlyLines: 50_000,
};

export type ReadStored = (jobId: number, after: number, limit: number) => Promise<LogLine[]>;

export class JobSubscription {
  /** The highest seq put in a batch, and the highest actually emitted. */
  private lastQueued: number;
  private lastEmitted: number;
  private replaying = true;
  private early: LogLine[] = [];
  private earlyDropped = false;
  private batch: LogLine[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** The most unsent bytes seen for this socket before a send (tests, the benchmark). */
  maxPendingSeen = 0;

  constructor(
    private readonly socket: Socket,
    readonly jobId: number,
    after: number,
    private readonly settings: JobStreamSettings,
    private readonly read: ReadStored,
    private readonly onFellBehind: (sub: JobSubscription) => void,
  ) {
    this.lastQueued = after;
    this.lastEmitted = after;
  }

  /** Replays the store, then switches to live lines. Register for live lines before calling it. */
  async start(): Promise<void> {
    for (;;) {
      // The replay goes at the client's pace: a slow client gets the next page once it took most
      // of the last ones (the store is read no faster than the socket drains).
      if (!(await this.drained())) return;
      const page = await this.read(this.jobId, this.lastQueued, this.settings.replayPage);
      if (this.closed) return;
      for (const l of page) this.queue(l);
      if (!this.flush()) return;
      if (page.length < this.settings.replayPage) {
        if (!this.earlyDropped) break;
        this.earlyDropped = false; // what was dropped is in the store by now: read on
      }
    }
    this.replaying = false;
    const early = this.early;
    this.early = [];
    this.live(early);
  }

  private async drained(): Promise<boolean> {
    while (!this.closed && pendingBytes(this.socket) > this.settings.maxPendingBytes / 2) await new Promise((r) => setTimeout(r, 20));
    return !this.closed && this.socket.connected;
  }

  live(lines: readonly LogLine[]): void {
    if (this.closed || lines.length === 0) return;
    if (this.replaying) {
      if (this.early.length + lines.length > this.settings.maxEarlyLines) {
        this.early = [];
        this.earlyDropped = true;
      } else this.early.push(...lines);
      return;
    }
    for (const l of lines) if (!this.queue(l)) return;
    if (this.batch.length > 0 && !this.timer) this.timer = setTimeout(() => this.flush(), this.settings.batchMs);
  }

  /** True when the next live lines (from `first`) can go out in the job's shared broadcast as they
   * are: replay over, nothing of its own waiting, and the previous line already sent. */
  takesShared(first: number): boolean {
    return !this.closed && !this.replaying && this.batch.length === 0 && this.lastQueued === first - 1;
  }

  /** Before a shared broadcast of lines up to `last`: false (and the client told to re-sync) when
   * the socket has too much unsent; otherwise the lines count as sent. */
  admitShared(last: number): boolean {
    if (!this.withinBound()) return false;
    this.lastQueued = this.lastEmitted = last;
    return true;
  }

  get socketId(): string {
    return this.socket.id;
  }

  emitUpdate(job: WireJob): void {
    if (!this.closed) this.socket.emit("job:update", { job });
  }

  close(): void {
    this.closed = true;
    this.early = [];
    this.batch = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** False once the subscription ended (closed, or fell behind). */
  private queue(l: LogLine): boolean {
    if (l.seq <= this.lastQueued) return !this.closed; // already sent (replay and live overlap)
    this.batch.push(l);
    this.lastQueued = l.seq;
    return this.batch.length >= this.settings.batchLines ? this.flush() : !this.closed;
  }

  private flush(): boolean {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return false;
    if (this.batch.length === 0) return true;
    if (!this.withinBound()) return false;
    const lines = this.batch;
    this.batch = [];
    const packed: WireLogBatch = { jobId: this.jobId, ...packLines(lines) };
    this.socket.emit("job:lines", packed);
    this.lastEmitted = lines[lines.length - 1].seq;
    return true;
  }

  /** False after telling the client to re-sync (too much unsent for this socket). */
  private withinBound(): boolean {
    const pending = pendingBytes(this.socket);
    this.maxPendingSeen = Math.max(this.maxPendingSeen, pending);
    if (pending <= this.settings.maxPendingBytes) return true;
    const after = this.lastEmitted;
    this.close();
    this.socket.emit("job:resync", { jobId: this.jobId, after });
    this.onFellBehind(this);
    return false;
  }
}
