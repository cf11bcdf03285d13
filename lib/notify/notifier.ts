import "server-only";
// Events in, deliveries out. An event is stored once (its key is unique), then one delivery per
// channel whose rules cover it; due deliveries are sent, a failure is retried after base·2^(n-1)
// until `maxAttempts`, all in SQLite so a restart resumes what was pending. Time comes from `now`
// (tests drive it); timers only wake the loop.
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/prisma-errors";
import { sendThrough, type ChannelRow } from "./channels";
import { RULE_OF, severityOf, type EventKind, type Message, type NotifyInput } from "./types";

export type NotifierOptions = {
  db: () => Db;
  now?: () => number;
  maxAttempts?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  /** Folders secret files may be read from. */
  secretDirs?: readonly string[];
  /** false: no timers; the caller runs `runDue()` (tests). */
  schedule?: boolean;
  log?: (message: string) => void;
};

export const FAILING_AFTER = 3;

export class Notifier {
  private readonly now: () => number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly timeoutMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly opts: NotifierOptions) {
    this.now = opts.now ?? Date.now;
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.baseDelayMs = opts.baseDelayMs ?? 30_000;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  private get db(): Db {
    return this.opts.db();
  }

  /** Deliveries a previous process was sending when it stopped are sent again; then due ones go out. */
  async start(): Promise<void> {
    this.stopped = false; // a stopped notifier (the process's one, in tests) can be started again
    await this.db.notifyDelivery.updateMany({ where: { status: "sending" }, data: { status: "pending" } });
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Stores the event (once per key) and queues it for every channel whose rules cover it. */
  async notify(input: NotifyInput): Promise<{ eventId: number; created: boolean }> {
    let event;
    try {
      event = await this.db.notifyEvent.create({
        data: { key: input.key, kind: input.kind, subject: input.subject, title: input.title, message: input.message },
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const found = await this.db.notifyEvent.findUniqueOrThrow({ where: { key: input.key } });
      return { eventId: found.id, created: false };
    }
    const channels = await this.db.notifyChannel.findMany({ where: { enabled: true }, select: { id: true, events: true } });
    const rule = RULE_OF[input.kind];
    const to = channels.filter((c) => c.events.split(",").includes(rule));
    const nextAt = new Date(this.now());
    for (const c of to) await this.db.notifyDelivery.create({ data: { eventId: event.id, channelId: c.id, nextAt } });
    if (to.length) this.kick();
    return { eventId: event.id, created: true };
  }

  /** The last down/up-style event of a subject (what a grace rule checks before sending). */
  async lastOf(subject: string, kinds: EventKind[]): Promise<EventKind | null> {
    const e = await this.db.notifyEvent.findFirst({
      where: { subject, kind: { in: kinds } },
      orderBy: { id: "desc" },
      select: { kind: true },
    });
    return (e?.kind as EventKind | undefined) ?? null;
  }

  /** Sends every due delivery once; overlapping calls coalesce. Resolves with how many were attempted. */
  runDue(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.sendDue().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      } else void this.scheduleNext();
    });
    return this.running;
  }

  /** A test message through one channel, now, without retries; counts toward the channel's failures. */
  async sendTest(channelId: number): Promise<{ ok: true } | { ok: false; error: string }> {
    const c = await this.db.notifyChannel.findUnique({ where: { id: channelId } });
    if (!c) return { ok: false, error: "This channel no longer exists." };
    const m: Message = {
      kind: "test",
      subject: `channel:${c.name}`,
      title: "Test from the homelab panel",
      message: `A test of the channel "${c.name}": it works.`,
      severity: "info",
      at: new Date(this.now()),
      eventId: null,
    };
    const error = await this.attempt(c, m);
    return error === null ? { ok: true } : { ok: false, error };
  }

  private kick(): void {
    if (this.opts.schedule === false || this.stopped) return;
    void this.runDue().catch((err: unknown) => this.opts.log?.(`notify: ${err instanceof Error ? err.message : String(err)}`));
  }

  private async sendDue(): Promise<number> {
    const due = await this.db.notifyDelivery.findMany({
      where: { status: "pending", nextAt: { lte: new Date(this.now()) } },
      include: { event: true, channel: true },
      orderBy: { id: "asc" },
      take: 50,
    });
    let attempted = 0;
    for (const d of due) {
      const claimed = await this.db.notifyDelivery.updateMany({ where: { id: d.id, status: "pending" }, data: { status: "sending" } });
      if (claimed.count !== 1) continue;
      attempted++;
      const e = d.event;
      const m: Message = {
        kind: e.kind as EventKind,
        subject: e.subject,
        title: e.title,
        message: e.message,
        severity: severityOf(e.kind as EventKind, e.title),
        at: e.createdAt,
        eventId: e.id,
      };
      const error = await this.attempt(d.channel, m);
      const attempts = d.attempts + 1;
      const done = error === null || attempts >= this.maxAttempts;
      await this.db.notifyDelivery.update({
        where: { id: d.id },
        data: {
          attempts,
          status: error === null ? "sent" : done ? "failed" : "pending",
          lastError: error,
          nextAt: new Date(this.now() + (done ? 0 : this.baseDelayMs * 2 ** (attempts - 1))),
        },
      });
    }
    return attempted;
  }

  /** One send; records the channel's run of failures. Returns the error text, or null when sent. */
  private async attempt(c: ChannelRow, m: Message): Promise<string | null> {
    let error: string | null = null;
    try {
      await sendThrough(c, m, this.timeoutMs, this.opts.secretDirs ?? []);
    } catch (err) {
      error = (err instanceof Error ? err.message : String(err)).slice(0, 500) || "failed";
    }
    await this.db.notifyChannel.updateMany({
      where: { id: c.id },
      data: { consecutiveFailures: error === null ? 0 : { increment: 1 } },
    });
    return error;
  }

  private async scheduleNext(): Promise<void> {
    if (this.opts.schedule === false || this.stopped) return;
    const next = await this.db.notifyDelivery.findFirst({
      where: { status: "pending" },
      orderBy: { nextAt: "asc" },
      select: { nextAt: true },
    });
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!next) return;
    this.timer = setTimeout(() => this.kick(), Math.max(0, Math.min(next.nextAt.getTime() - this.now(), 2 ** 31 - 1)));
    this.timer.unref();
  }
}
