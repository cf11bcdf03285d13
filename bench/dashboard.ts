// npm run bench:dashboard: measures the dashboard (/) of the production build against its
// targets. Prints human-readable lines, then one JSON object with every figure as the LAST line.
// It reports, it does not gate: exit 0 when a target is missed, non-zero on real errors.
// Env: BENCH_IDLE_MS (60000), BENCH_LOAD_RUNS (3), BENCH_AC_CONNECTIONS (10),
// BENCH_AC_DURATION_S (10), BENCH_WARM_REQUESTS (1000), BENCH_RENDER_REQUESTS (500).
// `-- --compare <url>` (bench/args.ts) measures that page too, in the same run, and prints the two
// side by side (e.g. a Homepage serving the same services: `--compare http://127.0.0.1:3010/`).
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import type { Browser } from "@playwright/test";
import { parseBenchArgs, type BenchArgs } from "./args";
import { coldLoad, idle, launch, PANEL_STATUS, type Idle } from "./browser";
import { compareLines, compareTargets } from "./compare-report";
import { BROWSER_ENCODING, load, rawGet, type LoadResult } from "./http-load";
import { coldLoads, warmLoad, type Compared, type PageToLoad } from "./page-figures";
import { kib, line, target, targetLine, type Target } from "./report";
import { round } from "./round";
import { renderCost } from "./render-cost";
import { memoryOf, startServer, stopAllServers, tailOf, type BenchServer } from "./server";

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number (got ${raw})`);
  return n;
}

let server: BenchServer | undefined;
let browser: Browser | undefined;
let interrupted: NodeJS.Signals | undefined;
let cleaning: Promise<void> | undefined;

/** Closes the browser, kills the server's process group, removes the temp DB. Runs once. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    if (browser) await browser.close().catch(() => undefined);
    await stopAllServers(); // also one still starting
  })();
  return cleaning;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    interrupted = signal;
    process.stderr.write(`bench: ${signal}, cleaning up\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function measure(root: string, args: BenchArgs) {
  const cfg = {
    idleMs: intEnv("BENCH_IDLE_MS", 60_000),
    loadRuns: Math.max(1, intEnv("BENCH_LOAD_RUNS", 3)),
    connections: Math.max(1, intEnv("BENCH_AC_CONNECTIONS", 10)),
    durationS: Math.max(1, intEnv("BENCH_AC_DURATION_S", 10)),
    warmRequests: Math.max(1, intEnv("BENCH_WARM_REQUESTS", 1000)),
    renderRequests: Math.max(1, intEnv("BENCH_RENDER_REQUESTS", 500)),
  };

  line("bench:dashboard: production build, fresh temporary database (seeded: 8 services, 3 machines), ANONYMOUS_DASHBOARD=true");
  const env = { ANONYMOUS_DASHBOARD: "true" };
  // The first start creates, migrates and seeds the database; the one measured is a restart on it.
  server = await startServer(root, { env, firstOkPath: "/", keep: true });
  const fresh = server;
  await fresh.stop();
  server = await startServer(root, { env, firstOkPath: "/", dir: fresh.dir });
  const startMs = server.listeningMs;
  await new Promise((r) => setTimeout(r, 1000));
  const memStart = memoryOf(server.pid);
  line(`first start (empty database: migrations, seed): first 200 of GET / (not logged in) after ${fresh.firstOkMs ?? "n/a"} ms`);
  line(
    `restart: server pid ${server.pid} on ${server.origin}, listening after ${startMs} ms, first 200 of GET / after ${server.firstOkMs ?? "n/a"} ms`,
  );

  // What goes over the wire for a browser-like Accept-Encoding.
  const home = await rawGet(`${server.origin}/`);
  if (home.status !== 200) throw new Error(`GET / answered ${home.status}:\n${tailOf(server.logFile)}`);
  const floorProbe = await rawGet(`${server.origin}/bench/floor`);
  if (floorProbe.status !== 200) {
    throw new Error(`GET /bench/floor answered ${floorProbe.status}: the build is stale, run \`npm run build\``);
  }
  line(
    `GET / with Accept-Encoding "${BROWSER_ENCODING}": content-encoding ${home.encoding ?? "none (identity)"}, ${home.bytes} bytes on the wire`,
  );

  // Memory and HTTP load first, on a browser-free machine.
  const warm = await load(`${server.origin}/`, { connections: cfg.connections, amount: cfg.warmRequests });
  const memAfterWarm = memoryOf(server.pid);
  const bench: LoadResult = await load(`${server.origin}/`, { connections: cfg.connections, durationS: cfg.durationS });
  const memAfterLoad = memoryOf(server.pid);
  // A visitor without a session (ANONYMOUS_DASHBOARD): a wall display or a phone, as Homepage is used.
  const anonymous = (await warmLoad(`${server.origin}/`, cfg, "anonymous")).run;
  // Context only: the same load on the floor page separates Next's own cost from the dashboard's.
  const floorHttp: LoadResult = await load(`${server.origin}/bench/floor`, { connections: cfg.connections, durationS: cfg.durationS });
  // The render itself, the page cache bypassed (a query string is never cached): server CPU per request.
  const renderDash = await renderCost(server.origin, server.pid, "/", cfg.renderRequests, "session");
  const renderFloor = await renderCost(server.origin, server.pid, "/bench/floor", cfg.renderRequests, "anonymous");
  // The compared page gets the same warm-up and run, also before any browser runs.
  const compareHttp = args.compare ? (await warmLoad(args.compare.href, cfg, "anonymous")).run : null;

  line();
  line(
    `server RSS: ${memStart.rssMiB} MiB after start, ${memAfterWarm.rssMiB} MiB after ${warm.requests} x GET / (${warm.non2xx} non-2xx), ${memAfterLoad.rssMiB} MiB after the load run (peak ${memAfterLoad.peakMiB} MiB)`,
  );
  line(
    `GET / autocannon ${bench.connections} connections x ${bench.durationS} s: ${bench.reqPerSec} req/s, p50 ${bench.p50Ms} ms, p90 ${bench.p90Ms} ms, p99 ${bench.p99Ms} ms, max ${bench.maxMs} ms, ${bench.requests} requests, ${bench.non2xx} non-2xx, ${bench.errors} errors, ${bench.timeouts} timeouts`,
  );

  line(
    `GET / not logged in, same load: ${anonymous.reqPerSec} req/s, p50 ${anonymous.p50Ms} ms, p99 ${anonymous.p99Ms} ms, ${anonymous.non2xx} non-2xx, ${anonymous.errors} errors`,
  );
  line(
    `GET /bench/floor (context, same load): ${floorHttp.reqPerSec} req/s, p50 ${floorHttp.p50Ms} ms, p99 ${floorHttp.p99Ms} ms, ${floorHttp.non2xx} non-2xx`,
  );
  for (const r of [renderDash, renderFloor]) {
    line(
      `uncached render of ${r.path} (${r.requests} sequential GETs with a query string, so never from the page cache): ${r.cpuMsPerRequest} ms server CPU per request, HTML ${r.htmlBytes} bytes (${r.bytes} as ${r.encoding ?? "identity"})`,
    );
  }
  line(
    `  the dashboard's own share of a render (dashboard - floor): ${round(renderDash.cpuMsPerRequest - renderFloor.cpuMsPerRequest, 2)} ms`,
  );
  line(
    `machine load average (1 min) after the HTTP runs: ${loadavg()[0].toFixed(2)} on ${cpus().length} CPUs (other work on the machine skews throughput)`,
  );

  // Browser: cold loads of / (several, timings are medians) and of the floor page.
  browser = await launch();
  const plainHome = await rawGet(`${server.origin}/`, null); // uncompressed, to count badges
  const expectedBadges = plainHome.body.toString().match(/data-testid="health"/g)?.length ?? 0;
  const panelPage: PageToLoad = { url: `${server.origin}/`, watch: { selector: PANEL_STATUS, expected: expectedBadges }, who: "session" };
  const comparePage: PageToLoad | null = args.compare
    ? { url: args.compare.href, watch: { selector: args.compareStatuses, expected: expectedBadges }, who: "anonymous" }
    : null;
  // With --compare the two pages' cold loads alternate, so neither gets the fresh browser or a quieter moment.
  const [dashLoads, compareLoads] = await coldLoads(browser, comparePage ? [panelPage, comparePage] : [panelPage], cfg.loadRuns);
  const floor = await coldLoad(browser, `${server.origin}/bench/floor`, { selector: PANEL_STATUS, expected: 0 });
  const dash = dashLoads.first;

  line();
  for (const [name, r] of [
    ["dashboard /", dash],
    ["floor /bench/floor", floor],
  ] as const) {
    line(
      `cold load ${name}: ${r.requests} requests (${Object.entries(r.requestsByType)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")}), ${r.js.count} scripts`,
    );
    line(
      `  JS transferred ${kib(r.js.transfer)} KiB (encoding: ${r.js.encodings.join("/")}), raw ${kib(r.js.raw)} KiB, gzip -6 computed ${kib(r.js.gzip)} KiB, brotli -11 computed ${kib(r.js.brotli)} KiB`,
    );
  }
  const delta = {
    transfer: dash.js.transfer - floor.js.transfer,
    raw: dash.js.raw - floor.js.raw,
    gzip: dash.js.gzip - floor.js.gzip,
    brotli: dash.js.brotli - floor.js.brotli,
  };
  line(`delta dashboard - floor: transferred ${kib(delta.transfer)} KiB, raw ${kib(delta.raw)} KiB, gzip computed ${kib(delta.gzip)} KiB`);
  const floorUrls = new Set(floor.scripts.map((s) => s.url));
  const only = dash.scripts.filter((s) => !floorUrls.has(s.url));
  line(`scripts of / not loaded by the floor page (${only.length}):`);
  for (const s of only) line(`  ${s.url}: ${kib(s.transfer)} KiB transferred, ${kib(s.raw)} KiB raw`);
  line(`largest scripts of /:`);
  for (const s of dash.scripts.slice(0, 5)) line(`  ${s.url}: ${kib(s.transfer)} KiB transferred, ${kib(s.raw)} KiB raw`);

  const badges = {
    inHtml: dash.badges.inHtml,
    atDomContentLoaded: dash.badges.atDomContentLoaded,
    statuses: dash.badges.statusesAtDomContentLoaded,
    ...dashLoads.paint,
  };
  line();
  line(
    `health badges: ${badges.inHtml} in the server-rendered HTML, ${badges.atDomContentLoaded} at DOMContentLoaded (statuses ${JSON.stringify(badges.statuses)})`,
  );
  line(
    `  median of ${badges.runs} cold loads, ms from navigation start: TTFB ${badges.ttfbMs}, all badges in DOM ${badges.allPresentMs}, DOMContentLoaded ${badges.domContentLoadedMs}, first paint ${badges.firstPaintMs}, FCP ${badges.firstContentfulPaintMs}, LCP ${badges.largestContentfulPaintMs}, load ${badges.loadMs}`,
  );
  line(`  every badge showing its status (all in DOM and painted): ${badges.visibleMs} ms`);

  line();
  line(`idle: watching / for ${cfg.idleMs} ms after the load event...`);
  const idleRes: Idle = await idle(browser, `${server.origin}/`, cfg.idleMs);
  line(
    `idle: ${idleRes.httpRequests} HTTP requests (${idleRes.httpPerMin}/min), ${idleRes.wsFramesSent} websocket frames sent (${idleRes.wsPongsSent} pongs; ${idleRes.wsFramesSentPerMin}/min), ${idleRes.wsFramesReceived} received (${idleRes.wsPingsReceived} pings), ${idleRes.websocketsOpened} websocket(s) opened in the window`,
  );
  if (idleRes.httpUrls.length)
    line(`  HTTP in the window: ${idleRes.httpUrls.slice(0, 10).join(", ")}${idleRes.httpUrls.length > 10 ? ", ..." : ""}`);
  line(`  total sent by the page: ${idleRes.totalSentPerMin}/min`);

  let compared: Compared | null = null;
  if (args.compare && compareHttp && compareLoads) {
    const url = args.compare.href;
    line();
    line(`compare: ${url} (no session; statuses: ${JSON.stringify(args.compareStatuses)}, ${expectedBadges} expected)`);
    if (compareLoads.first.status !== 200) line(`  note: ${url} answered ${compareLoads.first.status}`);
    line(`idle: watching ${url} for ${cfg.idleMs} ms after the load event...`);
    const compareIdle = await idle(browser, url, cfg.idleMs, "anonymous");
    compared = { url, statuses: args.compareStatuses, http: compareHttp, cold: compareLoads, idle: compareIdle };
    line();
    for (const l of compareLines({ startMs: server.firstOkMs, loggedIn: bench, anonymous, cold: dashLoads, idle: idleRes }, compared))
      line(l);
  }

  const targets: Target[] = [
    target("JS delta dashboard - floor (transferred)", kib(delta.transfer), "<=", 30, "KiB"),
    target("JS total of / (transferred)", kib(dash.js.transfer), "<", 232, "KiB"),
    target("idle requests + frames sent per minute", idleRes.totalSentPerMin, "<=", 54, "/min"),
    target("server RSS after 1,000 x GET /", memAfterWarm.rssMiB, "<=", 150, "MiB"),
    target("GET / throughput", bench.reqPerSec, ">=", 450, "req/s"),
    target("GET / p99 latency", bench.p99Ms, "<=", 50, "ms"),
    target("GET / p99 latency, logged in (issue 14)", bench.p99Ms, "<", 25, "ms"),
    target("GET / p99 latency, not logged in", anonymous.p99Ms, "<", 25, "ms"),
    target("every status visible after navigation (desktop)", badges.visibleMs, "<=", 300, "ms"),
    target("process start to the first 200 of GET / (up-to-date database)", server.firstOkMs, "<", 1500, "ms"),
  ];
  if (compared) targets.push(...compareTargets({ loggedIn: bench, anonymous, cold: dashLoads }, compared));
  if (dash.js.encodings.includes("identity")) {
    targets.push(target("JS delta dashboard - floor (gzip computed)", kib(delta.gzip), "<=", 30, "KiB"));
    targets.push(target("JS total of / (gzip computed)", kib(dash.js.gzip), "<", 232, "KiB"));
  }
  line();
  line("targets (Homepage: 232 KiB JS, 54 requests/min idle, ~900 req/s p99 25 ms):");
  for (const t of targets) line(targetLine(t));

  return {
    config: cfg,
    server: {
      pid: server.pid,
      startMs,
      firstOkMs: server.firstOkMs,
      freshFirstOkMs: fresh.firstOkMs,
      homeEncoding: home.encoding,
      homeBytes: home.bytes,
    },
    memory: { start: memStart, afterWarm: memAfterWarm, afterLoad: memAfterLoad, warmRequests: warm.requests, warmNon2xx: warm.non2xx },
    http: bench,
    httpAnonymous: anonymous,
    httpFloor: floorHttp,
    render: { dashboard: renderDash, floor: renderFloor },
    loadAverage: loadavg().map((x) => round(x, 2)),
    cpus: cpus().length,
    js: {
      dashboard: { requests: dash.requests, requestsByType: dash.requestsByType, ...dash.js, scripts: dash.scripts },
      floor: { requests: floor.requests, requestsByType: floor.requestsByType, ...floor.js, scripts: floor.scripts },
      delta,
    },
    badges,
    idle: idleRes,
    compare: compared && {
      url: compared.url,
      statuses: compared.statuses,
      http: compared.http,
      requests: compared.cold.first.requests,
      requestsByType: compared.cold.first.requestsByType,
      bytes: compared.cold.first.bytes,
      js: compared.cold.first.js,
      scripts: compared.cold.first.scripts,
      statusesInHtml: compared.cold.first.badges.inHtml,
      paint: compared.cold.paint,
      idle: compared.idle,
    },
    targets,
  };
}

async function mainRun(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`bench:dashboard: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const root = process.cwd();
  if (!existsSync(join(root, "server.ts"))) throw new Error(`run from the project root (no server.ts in ${root})`);
  let result: Awaited<ReturnType<typeof measure>> | undefined;
  let failure: unknown;
  try {
    result = await measure(root, args);
  } catch (err) {
    failure = err;
  } finally {
    await cleanup();
  }
  if (interrupted) {
    line(JSON.stringify({ ok: false, error: `interrupted by ${interrupted}` }));
    return 130;
  }
  if (failure !== undefined) {
    const message = failure instanceof Error ? failure.message : String(failure);
    process.stderr.write(`bench:dashboard failed: ${message}\n`);
    line(JSON.stringify({ ok: false, error: message }));
    return 1;
  }
  line(JSON.stringify({ ok: true, ...result }));
  return 0;
}

mainRun().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench:dashboard crashed: ${err instanceof Error ? err.stack : String(err)}\n`);
    void cleanup().finally(() => process.exit(1));
  },
);
