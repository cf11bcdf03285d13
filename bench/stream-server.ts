// The server half of `npm run bench:stream`, run as a child so its CPU and RSS are its own: the
// real job runner, the real socket.io job-log handlers and socket auth (a real user and session),
// no Next (the figures are about the live path). Commands come over IPC from bench/stream.ts.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { SESSION_COOKIE } from "../lib/auth/context";
import { createSession } from "../lib/auth/session";
import { db } from "../lib/db/client";
import { env } from "../lib/env";
import { JobRunner } from "../lib/jobs/runner";
import { attachSocketAuth } from "../lib/live/auth";
import { attachJobLogs } from "../lib/live/job-logs";
import { createSshPool } from "../lib/ssh/pool";

type Msg = { id: number; op: "start"; count: number; rate?: number } | { id: number; op: "usage" } | { id: number; op: "stop" };

async function main(): Promise<void> {
  const pool = createSshPool();
  const runner = new JobRunner({ db: db(), databaseUrl: env().DATABASE_URL, pool });
  await runner.start();
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  attachSocketAuth(io);
  const hub = attachJobLogs(io, { runner, db });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const user = await db().user.create({ data: { name: "bench", passwordHash: "x", role: "admin" } });
  const { token } = await createSession(user.id, "127.0.0.1", "bench:stream");

  const started = new Map<number, number>();
  runner.on("job", (u) => {
    if (u.status === "running") started.set(u.id, performance.now());
    else if (started.has(u.id))
      console.error(`[bench:stream server] job ${u.id} ${u.status} in ${Math.round(performance.now() - started.get(u.id)!)} ms`);
  });
  let peakRss = process.memoryUsage().rss;
  setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20).unref();
  const reply = (id: number, body: object) => process.send?.({ id, ...body });

  process.on("message", (m: Msg) => {
    if (m.op === "start") {
      runner
        .enqueue({
          machine: "frame1",
          kind: "bench-seq",
          args: m.rate ? { count: m.count, rate: m.rate } : { count: m.count },
          requestedById: null,
        })
        .then(
          ({ id }) => reply(m.id, { jobId: id }),
          (err: unknown) => reply(m.id, { error: String(err) }),
        );
    } else if (m.op === "usage") {
      const rss = process.memoryUsage().rss;
      reply(m.id, { cpu: process.cpuUsage(), rss, peakRss, maxPendingBytes: hub.stats().maxPendingSeen });
      peakRss = rss;
    } else {
      void runner.shutdown(1000).finally(() => process.exit(0));
    }
  });
  process.send?.({ id: 0, port: (http.address() as AddressInfo).port, cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}` });
}

main().catch((err: unknown) => {
  console.error("[bench:stream server]", err);
  process.exit(1);
});
