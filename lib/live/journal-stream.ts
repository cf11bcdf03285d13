import "server-only";
// One remote `journalctl -o json` shared by every viewer of the same filter. Entries are parsed,
// batched, and kept in a bounded backlog that a joining viewer gets first. Stopping aborts the
// exec, which kills the remote process group.
import type { Socket } from "socket.io";
import { noteUnrecognised, noUnrecognised, type Unrecognised } from "../parse/unrecognised";
import { parseJournalLine } from "../systemd/journal";
import type { WireJournalEntry } from "./events";
import { pendingBytes } from "./respond";

export type JournalStreamSettings = {
  batchMs: number;
  batchEntries: number;
  backlog: number;
  maxPendingBytes: number;
  maxMessageChars: number;
};
export const DEFAULT_JOURNAL_STREAM: JournalStreamSettings = {
  batchMs: 50,
  batchEntries: 500,
  backlog: 200,
  maxPendingBytes: 2 * 1024 * 1024,
  maxMessageChars: 16_384,
};

/** Starts the remote command; resolves with a reason when it ends. Aborting `signal` must stop it. */
export type StartJournal = (onLine: (line: string) => void, signal: AbortSignal) => Promise<string>;

export class JournalStream {
  readonly viewers = new Map<string, Socket>();
  private readonly backlog: WireJournalEntry[] = [];
  private pending: WireJournalEntry[] = [];
  /** journalctl lines that were not entries, for the whole stream; sent again whenever it grows. */
  private readonly unrecognised = noUnrecognised();
  private unrecognisedChanged = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly stopper = new AbortController();
  private ended = false;
  /** Settles when the remote command ended (after stop(): once it was killed). */
  readonly done: Promise<void>;

  constructor(
    readonly id: string,
    private readonly settings: JournalStreamSettings,
    start: StartJournal,
    /** Called once when the stream is over (ended remotely or stopped): forget it. */
    private readonly onEnd: (stream: JournalStream) => void,
    /** A viewer that fell behind was removed. */
    private readonly onDropViewer: (stream: JournalStream, socket: Socket) => void,
  ) {
    this.done = start((line) => this.line(line), this.stopper.signal).then(
      (reason) => this.end(reason),
      (err: unknown) => this.end(err instanceof Error ? err.message : String(err)),
    );
  }

  /** Adds a viewer and sends it the backlog (entries still waiting in a batch reach it with the batch). */
  join(socket: Socket): void {
    this.viewers.set(socket.id, socket);
    const unrecognised = this.unrecognisedPart(this.unrecognised.count > 0);
    if (this.backlog.length || unrecognised.unrecognised)
      socket.emit("journal:entries", { streamId: this.id, entries: [...this.backlog], ...unrecognised });
  }

  leave(socket: Socket): void {
    this.viewers.delete(socket.id);
  }

  stop(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.timer) clearTimeout(this.timer);
    this.stopper.abort();
    this.onEnd(this);
  }

  private line(line: string): void {
    if (this.ended) return;
    const e = parseJournalLine(line);
    if (!e) {
      if (line.trim() === "") return;
      noteUnrecognised(this.unrecognised, line.trim());
      this.unrecognisedChanged = true;
      this.timer ??= setTimeout(() => this.flush(), this.settings.batchMs);
      return;
    }
    const max = this.settings.maxMessageChars;
    this.pending.push({
      cursor: e.cursor,
      at: e.at,
      unit: e.unit,
      priority: e.priority,
      pid: e.pid,
      identifier: e.identifier,
      message: e.message.length > max ? `${e.message.slice(0, max)}… (${e.message.length - max} more characters)` : e.message,
    });
    if (this.pending.length >= this.settings.batchEntries) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.settings.batchMs);
  }

  /** The payload's `unrecognised` part (a copy), when `include`. */
  private unrecognisedPart(include: boolean): { unrecognised?: Unrecognised } {
    return include ? { unrecognised: { count: this.unrecognised.count, sample: [...this.unrecognised.sample] } } : {};
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const entries = this.pending;
    this.pending = [];
    const unrecognised = this.unrecognisedPart(this.unrecognisedChanged);
    this.unrecognisedChanged = false;
    if (entries.length === 0 && !unrecognised.unrecognised) return;
    for (const socket of [...this.viewers.values()]) {
      if (pendingBytes(socket) > this.settings.maxPendingBytes) {
        this.viewers.delete(socket.id);
        socket.emit("journal:resync", { streamId: this.id });
        this.onDropViewer(this, socket);
      } else socket.emit("journal:entries", { streamId: this.id, entries, ...unrecognised });
    }
    this.backlog.push(...entries);
    if (this.backlog.length > this.settings.backlog) this.backlog.splice(0, this.backlog.length - this.settings.backlog);
  }

  private end(reason: string): void {
    if (this.ended) return; // stopped by us: viewers already left
    this.flush();
    this.ended = true;
    for (const socket of this.viewers.values()) socket.emit("journal:ended", { streamId: this.id, reason });
    this.onEnd(this);
  }
}
