import "server-only";
// The process's one notifier, on globalThis so Next's pages and server.ts share it, and its wiring:
// health rounds and finished jobs become events. lib/health and lib/jobs know nothing of this: their
// emitters are listened to here (server.ts connects them).
import { db } from "../db/client";
import { env, notifySecretDirs } from "../env";
import { flakeUpdatesEvent, type FlakeUpdatesLike } from "./flake-rules";
import { HealthRules } from "./health-rules";
import { jobEvent, type JobUpdateLike } from "./job-rules";
import { Notifier } from "./notifier";
import { pruneNotifications } from "./prune";
import type { NotifyInput } from "./types";

const KEY = Symbol.for("homelab-panel.notify");
const holder = globalThis as { [KEY]?: Notifier };

export function notifier(): Notifier {
  holder[KEY] ??= new Notifier({
    db,
    timeoutMs: env().NOTIFY_TIMEOUT_MS,
    secretDirs: notifySecretDirs(),
    log: (m) => console.log(`[panel] ${m}`),
  });
  return holder[KEY];
}

/**
 * Tell the channels about something: for other features (e.g. "flake-updates" from the flake
 * checker). Never throws; a fact with the same key is sent once.
 */
export async function notifyEvent(input: NotifyInput): Promise<void> {
  try {
    await notifier().notify(input);
  } catch (err) {
    console.error(`[panel] notify: could not record ${input.kind} ${input.key}:`, err);
  }
}

type Rounds = {
  on(e: "round", l: (r: Record<string, { status: "up" | "slow" | "down" | "unknown"; detail: string }>) => void): unknown;
  off(e: "round", l: never): unknown;
};
type Jobs = { on(e: "job", l: (u: JobUpdateLike) => void): unknown; off(e: "job", l: never): unknown };

/** Subscribes to the flake checker's findings (lib/machine/flake-events.ts); returns the unsubscribe. */
type FlakeUpdates = (listener: (e: FlakeUpdatesLike) => void) => () => void;

export function startNotifications(monitor: Rounds, runner: Jobs, log: (message: string) => void, flakeUpdates?: FlakeUpdates): () => void {
  const n = notifier();
  const rules = new HealthRules({ notify: (i) => n.notify(i), lastOf: (s, k) => n.lastOf(s, k), graceChecks: env().NOTIFY_GRACE_CHECKS });
  const fail = (err: unknown) => log(`notify: ${err instanceof Error ? err.message : String(err)}`);
  // Rounds are handled one after another, so a slow write never reorders down and up.
  let chain = Promise.resolve();
  const onRound: Parameters<Rounds["on"]>[1] = (r) => {
    chain = chain.then(() => rules.onRound(r)).catch(fail);
  };
  const onJob = (u: JobUpdateLike) => {
    const e = jobEvent(u);
    if (e) void n.notify(e).catch(fail);
  };
  monitor.on("round", onRound);
  runner.on("job", onJob);
  const stopFlake = flakeUpdates?.((u) => {
    const e = flakeUpdatesEvent(u);
    if (e) void n.notify(e).catch(fail);
  });
  void n.start().catch(fail);
  const prune = () => void pruneNotifications(db(), env().HEALTH_HISTORY_DAYS, Date.now()).catch(fail);
  prune();
  const daily = setInterval(prune, 86_400_000);
  daily.unref();
  return () => {
    clearInterval(daily);
    monitor.off("round", onRound as never);
    runner.off("job", onJob as never);
    stopFlake?.();
    n.stop();
  };
}
