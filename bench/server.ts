// Starts the production build of the panel (server.ts) on a free loopback port with a fresh
// temporary SQLite database, in its own process group, and stops it again.
import { SERVER_NODE_ARGS, localServerEnv } from "../scripts/server-args";
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { rawGet, session } from "./http-load";
import { round } from "./round";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type BenchServer = {
  pid: number;
  port: number;
  origin: string;
  dir: string;
  logFile: string;
  /** From spawning the process to its "listening" line, and to the first 200 of `firstOkPath`. */
  listeningMs: number;
  firstOkMs: number | null;
  stop(): Promise<void>;
};

// Every server started and not yet stopped, so a signal during start-up still cleans up.
const live = new Set<() => Promise<void>>();

export async function stopAllServers(): Promise<void> {
  await Promise.all([...live].map((stop) => stop()));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function tailOf(file: string, lines = 20): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/** Spawns `node --require ./scripts/server-only-preload.cjs --import tsx server.ts` directly. */
export async function startServer(
  root: string,
  opts: {
    timeoutMs?: number;
    env?: Record<string, string>;
    firstOkPath?: string;
    /** The directory (database, log) of a server started before and stopped with `keep`: a restart. */
    dir?: string;
    /** Leave the directory for a restart instead of removing it when stopped. */
    keep?: boolean;
    /** Called as soon as the server says it listens (before the first 200 and the bench's login). */
    onListening?: (origin: string) => void;
    /** The session cookie, when the caller logged in itself (from `onListening`): no second login. */
    cookie?: () => Promise<string>;
  } = {},
): Promise<BenchServer> {
  if (!existsSync(join(root, ".next", "BUILD_ID"))) {
    throw new Error(`no production build in ${root}/.next: run \`npm run build\` first`);
  }
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), "bench-dashboard-"));
  const logFile = join(dir, "server.log");
  const passwordFile = join(dir, "admin-password");
  writeFileSync(passwordFile, `${BENCH_PASSWORD}\n`, { mode: 0o600 });
  const port = await freePort();
  const log = createWriteStream(logFile, { flags: "a" });
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, SERVER_NODE_ARGS, {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...localServerEnv(port, join(dir, "panel.db")),
      SEED_ON_START: "1",
      HEALTH_CHECK_ALLOW: "127.0.0.0/8,localhost",
      INITIAL_ADMIN_PASSWORD_FILE: passwordFile,
      ...opts.env,
    },
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const pid = child.pid;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    live.delete(stop);
    if (pid !== undefined && !exited(child)) {
      killGroup(pid, "SIGTERM");
      const gone = await Promise.race([
        new Promise<boolean>((r) => child.once("exit", () => r(true))),
        new Promise<boolean>((r) => setTimeout(() => r(false), 7000)),
      ]);
      if (!gone) killGroup(pid, "SIGKILL");
    }
    // Children the server may have started share its group; make sure none is left.
    if (pid !== undefined) killGroup(pid, "SIGKILL");
    log.end();
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  };

  live.add(stop);
  if (pid === undefined) {
    await stop();
    throw new Error("could not spawn the server process");
  }

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  let listening = false;
  child.stdout?.on("data", (chunk: Buffer) => {
    if (chunk.toString().includes("[panel] listening")) listening = true;
  });
  while (!listening) {
    if (exited(child)) {
      const tail = tailOf(logFile);
      await stop();
      throw new Error(`server exited during start-up (code ${child.exitCode}, signal ${child.signalCode}):\n${tail}`);
    }
    if (Date.now() > deadline) {
      const tail = tailOf(logFile);
      await stop();
      throw new Error(`server did not report listening within ${opts.timeoutMs ?? 90_000} ms:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const listeningMs = Date.now() - spawnedAt;
  opts.onListening?.(origin);
  let firstOkMs: number | null = null;
  // Polled, as a client waiting for the panel would (the first answer may also be an error page).
  while (opts.firstOkPath && firstOkMs === null && Date.now() < deadline && !exited(child)) {
    const res = await rawGet(`${origin}${opts.firstOkPath}`, null, "anonymous").catch(() => null);
    if (res?.status === 200) firstOkMs = Date.now() - spawnedAt;
    else await new Promise((r) => setTimeout(r, 20));
  }
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  if (!cmdline.includes("server.mjs")) {
    await stop();
    throw new Error(`pid ${pid} is not the server process: ${cmdline}`);
  }
  session.cookie = await (opts.cookie ? opts.cookie() : login(origin));
  session.origin = origin;
  return { pid, port, origin, dir, logFile, listeningMs, firstOkMs, stop };
}

const BENCH_PASSWORD = "bench-admin-password";

/** Logs the first admin in (GET / is for logged-in users) and returns the session cookie. */
export async function login(origin: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ name: "admin", password: BENCH_PASSWORD }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!res.ok || !cookie) throw new Error(`bench login failed: ${res.status} ${await res.text()}`);
  return cookie;
}

/** VmRSS and VmHWM (peak) of a process, in MiB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rssMiB: round(kb("VmRSS") / 1024, 1), peakMiB: round(kb("VmHWM") / 1024, 1) };
}
