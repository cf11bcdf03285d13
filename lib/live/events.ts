// Socket event names and payloads shared by server and client (the one contract of lib/live).
// Every client->server event takes one payload object checked with zod on the server, and an
// optional ack callback; refusals and malformed payloads answer with "app:error" (and the ack,
// when given, gets { ok: false, error }). Nothing changes on a refused event.
import type { HealthSnapshot } from "../health/types";
import type { Unrecognised } from "../parse/unrecognised";
import type { MachineBusy, WireJob } from "../wire/job";
import type { MetricsRange, WireMetrics, WireSeries } from "../metrics/types";
import type { LineBatch, PlainLine } from "../wire/log-batch";

export type { MachineBusy, WireJob } from "../wire/job";

export type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
export type Ack<T> = (result: ({ ok: true } & T) | ({ ok: false } & ErrorBody)) => void;

// ---- job logs -------------------------------------------------------------------------------
/** One log line as browsers hold it (unpacked from a job:lines batch); `at` is epoch milliseconds. */
export type WireLogLine = PlainLine;
/** Consecutive lines of one job, packed (lib/wire/log-batch.ts: unpackLines gives WireLogLine[]). */
export type WireLogBatch = { jobId: number } & LineBatch;

// ---- a machine's jobs ------------------------------------------------------------------------
/** What changes the machine now (`busy`), sent when its queue changed (`job` null) or one of its
 * jobs changed status (`job`: that job as it is now). */
export type MachineJobs = { machine: string; busy: MachineBusy; job: WireJob | null };

// ---- unit status ----------------------------------------------------------------------------
export type WireUnit = {
  service: string; // inventory service name
  unit: string; // e.g. grafana.service
  activeState: string; // active | inactive | failed | activating | ... | "not-found" (no such unit) | "unknown" when unreadable
  subState: string;
  since: string | null; // ISO
  mainPid: number | null;
  restarts: number | null;
  memoryBytes: number | null;
};
export type WireUnits = { machine: string; units: WireUnit[]; at: string; error: string | null };

// ---- journal --------------------------------------------------------------------------------
export type JournalFilter = {
  machine: string;
  units: string[]; // 1..10 unit names
  priority?: number | string; // 0-7 or name: that priority and more severe
  since?: string; // ISO with zone, "now", or relative "-1h"
  until?: string;
  grep?: string; // text, or a regex when regex is true
  regex?: boolean;
};
export type WireJournalEntry = {
  cursor: string;
  at: string;
  unit: string | null;
  priority: number | null;
  message: string;
  pid: number | null;
  identifier: string | null;
};

export type ServerToClient = {
  "health:snapshot": (snapshot: HealthSnapshot) => void;
  "health:update": (changed: HealthSnapshot) => void;
  "inventory:changed": () => void;
  "app:error": (body: ErrorBody & { event?: string }) => void;
  /** Lines in seq order, no gaps, no repeats for a subscription (replay first, then live batches). */
  "job:lines": (p: WireLogBatch) => void;
  "job:update": (p: { job: WireJob }) => void;
  /** The client fell behind (too much unsent): re-subscribe with the last seq it has. */
  "job:resync": (p: { jobId: number; after: number }) => void;
  "machine:jobs": (p: MachineJobs) => void;
  /** The machine's flake checkout changed (a fetch, pull or input update by anyone): render it again. */
  "machine:checkout": (p: { machine: string }) => void;
  "units:state": (p: WireUnits) => void;
  /** A machine's resources, pushed on every reading of its shared loop (figures null = no data, with why). */
  "metrics:state": (p: WireMetrics) => void;
  /** `unrecognised`: journalctl lines of this stream that were not entries so far (sent when it grew). */
  "journal:entries": (p: { streamId: string; entries: WireJournalEntry[]; unrecognised?: Unrecognised }) => void;
  /** The remote journalctl ended or failed; the stream is gone. */
  "journal:ended": (p: { streamId: string; reason: string }) => void;
  /** The client fell behind (too much unsent) and was dropped from the stream: subscribe again. */
  "journal:resync": (p: { streamId: string }) => void;
};

export type ClientToServer = {
  "dashboard:subscribe": () => void;
  "job:subscribe": (p: { jobId: number; after: number }, ack?: Ack<{ job: WireJob }>) => void;
  "job:unsubscribe": (p: { jobId: number }, ack?: Ack<object>) => void;
  "machine:subscribe": (p: { machine: string }, ack?: Ack<{ busy: MachineBusy }>) => void;
  "machine:unsubscribe": (p: { machine: string }, ack?: Ack<object>) => void;
  "units:subscribe": (p: { machine: string }, ack?: Ack<{ state: WireUnits | null }>) => void;
  "units:unsubscribe": (p: { machine: string }, ack?: Ack<object>) => void;
  "metrics:subscribe": (p: { machine: string }, ack?: Ack<{ state: WireMetrics | null }>) => void;
  "metrics:unsubscribe": (p: { machine: string }, ack?: Ack<object>) => void;
  "metrics:range": (
    p: { machine: string; range: MetricsRange },
    ack?: Ack<{ series: WireSeries; reason: null } | { series: null; reason: string }>,
  ) => void;
  "journal:subscribe": (p: JournalFilter, ack?: Ack<{ streamId: string }>) => void;
  "journal:unsubscribe": (p: { streamId: string }, ack?: Ack<object>) => void;
};
