import "server-only";
// The process's one history store, on globalThis so Next's pages and server.ts share it; and the
// loop that feeds it: every round of the health monitor is written, and roll-up and pruning run at
// start and then every `everyMs` (each run bounded, see HistoryStore.rollUp).
import { env } from "../env";
import type { HealthSnapshot } from "../health/types";
import { HistoryStore } from "./store";

const KEY = Symbol.for("homelab-panel.history");
const holder = globalThis as { [KEY]?: HistoryStore };

export function historyStore(): HistoryStore {
  if (!holder[KEY]) {
    const e = env();
    holder[KEY] = new HistoryStore({ retentionDays: e.HEALTH_HISTORY_DAYS, maxGapMs: 2 * e.HEALTH_INTERVAL_MS + e.HEALTH_TIMEOUT_MS });
  }
  return holder[KEY];
}

/** What is fed: the health monitor (or anything emitting its "round" events). */
type Rounds = {
  on(event: "round", listener: (results: HealthSnapshot) => void): unknown;
  off(event: "round", listener: (results: HealthSnapshot) => void): unknown;
};

export function startHealthHistory(
  store: HistoryStore,
  monitor: Rounds,
  log: (message: string) => void,
  { everyMs = 600_000, now = Date.now }: { everyMs?: number; now?: () => number } = {},
): () => void {
  const fail = (what: string) => (err: unknown) => log(`history: ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
  const onRound = (results: HealthSnapshot) => void store.record(results).catch(fail("writing results"));
  monitor.on("round", onRound);
  let running = false;
  const roll = () => {
    if (running) return;
    running = true;
    void store
      .rollUp(now())
      .then((r) => {
        if (r.pruned.samples + r.pruned.buckets + r.pruned.incidents > 0)
          log(
            `history: rolled up ${r.hours} h; pruned ${r.pruned.samples} samples, ${r.pruned.buckets} buckets, ${r.pruned.incidents} incidents`,
          );
      }, fail("roll-up"))
      .finally(() => (running = false));
  };
  roll();
  const timer = setInterval(roll, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    monitor.off("round", onRound);
  };
}
