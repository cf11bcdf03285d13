// npm run bench:fleet: the panel with a fleet's inventory (50 machines, 500 services: the lab hosts
// plus addresses that do not answer, bench/fleet-inventory.ts) against bench:dashboard's targets,
// plus what a fleet adds: SSH connections held, how soon an unreachable machine shows "down"
// without holding back the page, and (bench/fleet-deploy.ts) a fleet deploy of the lab hosts
// against the same deploys one after another. Needs root, the lab and a production build.
// Prints human-readable lines, then one JSON object with every figure as the LAST line.
// Env: BENCH_AC_CONNECTIONS (10), BENCH_AC_DURATION_S (10), BENCH_FLEET_DEPLOY (1; 0 skips the deploys).
import { createServer } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lab } from "../e2e/lab";
import { prepareFleetDatabase } from "./fleet-inventory";
import { addUnreachableNets, clearUnreachableNets } from "./fleet-net";
import { sshConnectionsOf } from "./fleet-ssh";
import { FleetWatch } from "./fleet-watch";
import { fleetDeploys, type FleetDeployFigures } from "./fleet-deploy";
import { load } from "./http-load";
import { line, target, targetLine, type Target } from "./report";
import { login, memoryOf, startServer, stopAllServers, type BenchServer } from "./server";

const HEALTH_TIMEOUT_MS = 5000; // the panel's default connect time-out of a check
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number`);
  return v;
};

async function main(): Promise<void> {
  const connections = Math.max(1, num("BENCH_AC_CONNECTIONS", 10));
  const durationS = Math.max(1, num("BENCH_AC_DURATION_S", 10));
  line("bench:fleet: lab up (real sshd, nix, systemd hosts)");
  const info = await lab.up({ onProgress: () => {} });
  addUnreachableNets();
  const stub = createServer((_req, res) => res.end("ok"));
  await new Promise<void>((ok) => stub.listen(0, "127.0.0.1", ok));
  const stubOrigin = `http://127.0.0.1:${(stub.address() as { port: number }).port}`;
  let server: BenchServer | undefined;
  let watch: FleetWatch | undefined;
  try {
    const dir = mkdtempSync(join(tmpdir(), "bench-fleet-"));
    const inv = await prepareFleetDatabase(join(dir, "panel.db"), info, stubOrigin);
    line(
      `inventory: ${inv.machines} machines (${inv.reachable.length} lab hosts: ${inv.reachable.join(", ")}; ${inv.blackholed.length} black-holed, ${inv.unroutable.length} answered "host unreachable"; the seed's frame1-vm and installer-iso), ${inv.services} services`,
    );
    let listeningAt = 0;
    let watchStarted: Promise<void> = Promise.resolve();
    let cookie: Promise<string> | undefined;
    server = await startServer(process.cwd(), {
      dir,
      firstOkPath: "/",
      env: {
        ANONYMOUS_DASHBOARD: "true",
        SSH_KEY_FILE: info.privateKeyPath,
        HEALTH_CHECK_ALLOW: "127.0.0.0/8,10.231.0.0/16",
        HEALTH_INTERVAL_MS: "10000",
        HEALTH_TIMEOUT_MS: String(HEALTH_TIMEOUT_MS),
      },
      cookie: () => cookie!,
      onListening: (origin) => {
        listeningAt = Date.now();
        watch = new FleetWatch(listeningAt);
        cookie = login(origin);
        const w = watch;
        watchStarted = cookie.then((c) => w.start(origin, c));
      },
    });
    const w = watch!;
    await watchStarted;
    line(
      `start: listening after ${server.listeningMs} ms, first 200 of GET / after ${server.firstOkMs} ms (the first health round still running)`,
    );
    const dead = [...inv.blackholed, ...inv.unroutable];
    await w
      .until("every unreachable machine down", () => dead.every((n) => w.down.has(n)), 120_000)
      .catch((err: Error) => {
        const missing = dead.filter((n) => !w.down.has(n)).map((n) => `${n}: ${JSON.stringify(w.latest.get(n) ?? null)}`);
        throw new Error(`${err.message}; not down: ${missing.slice(0, 5).join("; ")} (${missing.length} in all)`);
      });
    const shown = (names: string[]) => Math.max(...names.map((n) => w.down.get(n)!.ms));
    const blackholedMs = shown(inv.blackholed);
    const unroutableMs = shown(inv.unroutable);
    line(
      `unreachable shown after listening: black-holed (time-out ${HEALTH_TIMEOUT_MS} ms) all within ${blackholedMs} ms ("${w.down.get(inv.blackholed[0])?.detail}"), "host unreachable" all within ${unroutableMs} ms`,
    );

    const idle = memoryOf(server.pid); // after the first round and the first renders, before the load
    // RSS as bench:dashboard measures it (its target): after 1,000 x GET / logged in.
    const warm = await load(`${server.origin}/`, { connections, amount: 1000 });
    const afterWarm = memoryOf(server.pid);
    const loggedIn = await load(`${server.origin}/`, { connections, durationS });
    const anonymous = await load(`${server.origin}/`, { connections, durationS, who: "anonymous" });
    const mem = memoryOf(server.pid);
    line(
      `GET / logged in: ${loggedIn.reqPerSec} req/s, p99 ${loggedIn.p99Ms} ms; not logged in: ${anonymous.reqPerSec} req/s, p99 ${anonymous.p99Ms} ms (health rounds every 10 s with ${inv.blackholed.length * 2} time-outs each)`,
    );
    line(
      `server RSS ${afterWarm.rssMiB} MiB after ${warm.requests} x GET / (${idle.rssMiB} MiB before), ${mem.rssMiB} MiB after both ${durationS} s load runs (peak ${mem.peakMiB} MiB)`,
    );

    const all = [...inv.reachable, ...dead];
    await w.subscribeUnits(all);
    await w.until("units of every lab host", () => inv.reachable.every((n) => w.units.get(n)?.error === null), 60_000);
    await new Promise((r) => setTimeout(r, 5000)); // several poll rounds (1 s) on every machine
    const ssh = sshConnectionsOf(server.pid);
    const addresses = new Set(info.hosts.map((h) => h.address));
    const perReachableMax = Math.max(0, ...info.hosts.map((h) => ssh.established[h.address] ?? 0));
    const toOthers = Object.entries(ssh.established)
      .filter(([a]) => !addresses.has(a))
      .reduce((n, [, c]) => n + c, 0);
    line(
      `SSH with every machine's units watched: ${ssh.total} established (${JSON.stringify(ssh.established)}), ${Object.keys(ssh.connecting).length} hosts still connecting`,
    );

    let deploys: FleetDeployFigures | null = null;
    if (num("BENCH_FLEET_DEPLOY", 1) !== 0) deploys = await fleetDeploys(server, info);

    const targets: Target[] = [
      target("GET / p99, logged in, 50 machines / 500 services", loggedIn.p99Ms, "<=", 25, "ms"),
      target("GET / p99, not logged in, 50 machines / 500 services", anonymous.p99Ms, "<=", 25, "ms"),
      target("server RSS after 1,000 x GET / (as bench:dashboard)", afterWarm.rssMiB, "<=", 150, "MiB"),
      target("SSH connections per reachable machine", perReachableMax, "<=", 1, ""),
      target("SSH connections to unreachable machines", toOthers, "<=", 0, ""),
      target("black-holed machine shown down, after listening", blackholedMs, "<=", HEALTH_TIMEOUT_MS + 1000, "ms"),
      target("process start to the first 200 of GET / (round with time-outs running)", server.firstOkMs ?? Infinity, "<", 1500, "ms"),
      ...(deploys ? [target("fleet deploy wall time / sum of single deploys", deploys.ratio, "<", 1, "")] : []),
    ];
    for (const t of targets) line(targetLine(t));
    console.log(
      JSON.stringify({
        ok: true,
        inventory: inv,
        server: { listeningMs: server.listeningMs, firstOkMs: server.firstOkMs },
        unreachable: { healthTimeoutMs: HEALTH_TIMEOUT_MS, blackholedMs, unroutableMs },
        http: { loggedIn, anonymous },
        memory: { ...mem, idleRssMiB: idle.rssMiB, afterWarmRssMiB: afterWarm.rssMiB, warmRequests: warm.requests },
        ssh,
        deploys,
        targets,
      }),
    );
  } finally {
    watch?.close();
    await stopAllServers();
    stub.close();
    clearUnreachableNets();
  }
}

main().catch(async (err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  await stopAllServers();
  clearUnreachableNets();
  console.log(JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) }));
  process.exit(1);
});
