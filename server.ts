// One process, one port: Next.js and socket.io on the same HTTP server.
// Order: parse env -> migrate -> seed once -> prepare Next + first health round -> listen.
import { createServer } from "node:http";
import next from "next";
import { Server } from "socket.io";
import { databaseFile, env, EnvError, listedOrigins, publicOrigins, trustedProxies } from "./lib/env";
import { migrateIfNeeded } from "./lib/db/migrate";
import { db } from "./lib/db/client";
import { seedOnce } from "./lib/db/seed";
import { healthMonitor } from "./lib/health/registry";
import { jobRunner } from "./lib/jobs";
import { onFlakeUpdatesAvailable } from "./lib/machine/flake-events";
import { startFlakeSchedule } from "./lib/machine/flake-schedule";
import { startDriftWatch } from "./lib/machine/drift-watch";
import { sweepSupersededPreviews } from "./lib/machine/flake-update-sweep";
import { driftEvent } from "./lib/notify/drift-rules";
import { setIo } from "./lib/live/io";
import { attachDashboard } from "./lib/live/dashboard";
import { refuseUnknownEvents } from "./lib/live/unknown-events";
import { attachJobLogs } from "./lib/live/job-logs";
import { attachMachineJobs } from "./lib/live/machine-jobs";
import { attachUnits } from "./lib/live/units";
import { attachMetrics } from "./lib/live/metrics";
import { attachJournal } from "./lib/live/journal";
import { sshPool } from "./lib/ssh/pool";
import { attachSocketAuth, handshakeAllowed } from "./lib/live/auth";
import { allowedHosts } from "./lib/auth/edge";
import { createEdge } from "./lib/http/edge";
import { pageCache } from "./lib/http/page-cache";
import { createFrontDoor } from "./lib/http/front-door";
import { catchEscapedErrors } from "./lib/http/request-scope";
import { answerClientError } from "./lib/http/client-error";
import { PRIVATE_UMASK, securePanelFiles } from "./lib/fs/private-files";
import { sshSettingsFromEnv } from "./lib/ssh/settings";
import { startAuditRetention } from "./lib/auth/audit-retention";
import { historyStore, startHealthHistory } from "./lib/history/registry";
import { notifyEvent, startNotifications } from "./lib/notify/registry";
import { initialAdminFromFile, needsSetup, setupToken } from "./lib/auth/setup";
import { setupHint } from "./lib/auth/setup-hint";
import type { ClientToServer, ServerToClient } from "./lib/live/events";

const KNOWN_EVENTS: (keyof ClientToServer)[] = [
  "dashboard:subscribe",
  "job:subscribe",
  "job:unsubscribe",
  "machine:subscribe",
  "machine:unsubscribe",
  "units:subscribe",
  "units:unsubscribe",
  "metrics:subscribe",
  "metrics:unsubscribe",
  "metrics:range",
  "journal:subscribe",
  "journal:unsubscribe",
];

function log(message: string): void {
  console.log(`[panel] ${message}`);
}

async function main(): Promise<void> {
  // Before anything is created: the database and its -wal/-shm files, keys, folders are private.
  process.umask(PRIVATE_UMASK);
  catchEscapedErrors(log);
  let config;
  try {
    config = env();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(`[panel] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const dev = process.argv.includes("--dev");
  // Next loads its build while the database is checked and seeded below (both take a few hundred
  // ms at start-up; one after the other they added up). Awaited before the server listens.
  const app = next({ dev, hostname: config.HOST, port: config.PORT });
  const prepared = app.prepare();
  prepared.catch(() => undefined); // a failure is thrown where it is awaited, not as an unhandled rejection

  const migrated = await migrateIfNeeded(config.DATABASE_URL);
  log(
    migrated.ran
      ? `database ${config.DATABASE_URL}: applied migrations (${migrated.reason})`
      : `database ${config.DATABASE_URL}: all ${migrated.applied} migrations applied already`,
  );
  const files = securePanelFiles(databaseFile(config.DATABASE_URL), sshSettingsFromEnv().keyFile);
  for (const f of files.fixed) log(`made ${f.path} private (mode ${f.mode.toString(8)})`);
  for (const p of files.problems) log(`file permissions: ${p}`);
  startAuditRetention(config.AUDIT_RETENTION_DAYS, log);
  if (config.SEED_ON_START) {
    const { seeded } = await seedOnce(db());
    log(seeded ? "seeded the inventory with the homelab" : "inventory already seeded; left as it is");
  }

  const created = await initialAdminFromFile(config.INITIAL_ADMIN_NAME, config.INITIAL_ADMIN_PASSWORD_FILE);
  if (created) log(`created the first admin "${created}" from INITIAL_ADMIN_PASSWORD_FILE`);
  const origins = publicOrigins();

  const monitor = healthMonitor();
  // Every round's results go to the health history (from the first round on); roll-up at start, then every 10 min.
  const stopHistory = startHealthHistory(historyStore(), monitor, log);
  // Service/machine transitions (with a grace period) and finished deploys become notifications; pending ones resume.
  const stopNotify = startNotifications(monitor, jobRunner(), log, onFlakeUpdatesAvailable);
  await Promise.all([prepared, monitor.start()]);
  const handle = app.getRequestHandler();

  const edge = createEdge({ origins, trustedProxies: trustedProxies(), tailscaleIdentity: config.TAILSCALE_IDENTITY, dev });
  const cache = pageCache();
  // A new latency or check time alone does not re-render the cached page: live viewers get it pushed.
  monitor.on("change", (_changed, statuses) => statuses && cache.invalidate());
  const server = createServer(
    createFrontDoor({
      edge,
      cache,
      anonymousDashboard: config.ANONYMOUS_DASHBOARD,
      handle,
      log,
      limits: { bodyBytes: config.BODY_MAX_BYTES, uploadBytes: config.UPLOAD_MAX_BYTES },
    }),
  );
  server.on("clientError", answerClientError);
  const hosts = allowedHosts(origins);
  const io = new Server<ClientToServer, ServerToClient>(server, {
    serveClient: false,
    // Client events are small objects; engine.io refuses (413 / closes) anything larger.
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, done) => done(null, handshakeAllowed(req, origins, hosts)),
  });
  setIo(io);
  attachSocketAuth(io);
  attachDashboard(io, monitor);
  attachJobLogs(io, { runner: jobRunner(), db });
  attachMachineJobs(io, { runner: jobRunner(), db });
  attachUnits(io, { db, pool: sshPool });
  attachMetrics(io, { db, intervalMs: config.METRICS_INTERVAL_MS, timeoutMs: config.METRICS_TIMEOUT_MS });
  const journals = attachJournal(io, { db, pool: sshPool });
  refuseUnknownEvents(io, KNOWN_EVENTS);

  // Recovery before listening, so no request can queue a job that recovery would then cancel.
  const recovered = await jobRunner().start();
  if (recovered.interrupted.length + recovered.cancelled.length > 0)
    log(`jobs: ${recovered.interrupted.length} left running marked interrupted, ${recovered.cancelled.length} queued cancelled`);
  // What those jobs left on their hosts is stopped in the background (bounded; never delays listen).
  void jobRunner()
    .leftovers()
    .then((results) => {
      for (const r of results) log(`jobs: job ${r.id} (${r.kind} on ${r.machine}): ${r.note}`);
    });

  // The optional schedule of input update checks (a setting; off unless an admin turns it on).
  const stopFlakeSchedule = startFlakeSchedule(db(), jobRunner(), log);
  // A newer input-update preview cancels the older undecided ones (their scratch copies go).
  const stopSweep = sweepSupersededPreviews(jobRunner(), log);
  // Drift is found in the background too (not only when a machine page is seen) and notified once.
  const stopDriftWatch = startDriftWatch(
    config.DRIFT_CHECK_MS,
    (r) => {
      const e = driftEvent(r.machine, r.current, r.drift);
      if (e) void notifyEvent(e);
    },
    log,
  );

  server.listen(config.PORT, config.HOST, () => {
    log(`listening on http://${config.HOST}:${config.PORT} (${dev ? "development" : "production"}); public origins ${origins.join(", ")}`);
    void needsSetup().then((empty) => {
      if (!empty) return;
      const loopback = `http://127.0.0.1:${config.PORT}`;
      const hint = setupHint({ loopback, listed: listedOrigins(), trustedProxies: trustedProxies(), token: setupToken() });
      for (const line of hint) log(line);
    });
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    monitor.stop();
    stopHistory();
    stopFlakeSchedule();
    stopDriftWatch();
    stopSweep();
    stopNotify();
    setTimeout(() => process.exit(0), 5000).unref();
    // Queued jobs are cancelled; running ones get 1.5 s, then are stopped or marked interrupted.
    // Remote journalctl processes are killed before the SSH connections go away with the process.
    void Promise.all([jobRunner().shutdown(1500), journals.closeAll(1500)])
      .catch((err: unknown) => console.error("[panel] job drain failed:", err))
      .finally(() =>
        io.close(async () => {
          await db().$disconnect();
          process.exit(0);
        }),
      );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err: unknown) => {
  console.error("[panel] failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
