// machine:subscribe over a real socket.io server with the real socket auth, fed by a real JobRunner
// on a real SQLite database: a deploy to a machine whose SSH port is closed starts, holds the
// machine and fails, and a subscribed page hears each step without asking.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { utils } from "ssh2";
import type { Socket as ClientSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobRunner } from "../jobs/runner";
import { createSshPool, type SshPool } from "../ssh/pool";
import { useTestDatabase } from "../test/db";
import type { MachineBusy, MachineJobs } from "./events";
import { startLiveServer, request, type LiveServer } from "./live-server.test-support";
import { attachMachineJobs, MAX_MACHINES_PER_SOCKET } from "./machine-jobs";

const tdb = useTestDatabase();
let dir = "";
let pool: SshPool;
let runner: JobRunner;
let live: LiveServer;

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

type Answer = { ok: true; busy: MachineBusy } | { ok: false; error: { code: string; message: string } };

/** Every machine:jobs a client gets, and a way to wait until one of them passes a test. */
function collect(s: ClientSocket) {
  const got: MachineJobs[] = [];
  const waiters: { test: (m: MachineJobs) => boolean; resolve: (m: MachineJobs) => void }[] = [];
  s.on("machine:jobs", (m: MachineJobs) => {
    got.push(m);
    for (const w of [...waiters]) {
      if (!w.test(m)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  });
  const until = (test: (m: MachineJobs) => boolean) =>
    new Promise<MachineJobs>((resolve) => {
      const seen = got.find(test);
      if (seen) resolve(seen);
      else waiters.push({ test, resolve });
    });
  return { got, until };
}

beforeAll(async () => {
  const port = await closedPort();
  const machine = (name: string) =>
    tdb.client().machine.create({
      data: { name, system: "x86_64-linux", role: "testing", sshHost: "127.0.0.1", sshPort: port, sshUser: "admin", flakeAttr: "x" },
    });
  await machine("gone");
  for (let i = 0; i < MAX_MACHINES_PER_SOCKET; i++) await machine(`m${i}`);
  dir = mkdtempSync(join(tmpdir(), "panel-machine-jobs-"));
  writeFileSync(join(dir, "id_ed25519"), utils.generateKeyPairSync("ed25519").private, { mode: 0o600 });
  pool = createSshPool({ keyFile: join(dir, "id_ed25519"), connectAttempts: 1, connectTimeoutMs: 1_000, killGraceMs: 200 });
  runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 20 } });
  await runner.start();
  live = await startLiveServer(tdb.client(), (io) => attachMachineJobs(io, { runner, db: tdb.client }));
});

afterAll(async () => {
  await runner?.idle();
  await live?.close();
  pool?.closeAll();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("machine:subscribe", () => {
  it("answers with what changes the machine, then pushes each step of a deploy until the machine is free", async () => {
    const viewer = await live.client("viewer");
    const other = await live.client("viewer");
    const events = collect(viewer);
    const elsewhere = collect(other);
    expect(await request<Answer>(viewer, "machine:subscribe", { machine: "gone" })).toEqual({
      ok: true,
      busy: { running: null, waiting: [] },
    });
    expect(await request<Answer>(other, "machine:subscribe", { machine: "m0" })).toMatchObject({ ok: true });

    // Started elsewhere (another page, the API): this page learns of it without asking.
    const { id } = await runner.enqueue({ machine: "gone", kind: "deploy", args: {}, requestedById: null });
    const started = await events.until((m) => m.busy.running?.id === id);
    expect(started).toMatchObject({ machine: "gone", busy: { running: { id, kind: "deploy" }, waiting: [] } });
    const failed = await events.until((m) => m.job?.id === id && m.job.status === "failed");
    expect(failed.job).toMatchObject({ id, kind: "deploy", machine: "gone", status: "failed", position: null });
    expect(failed.job?.finishedAt).toEqual(expect.any(String));
    await events.until((m) => m.busy.running === null && m.busy.waiting.length === 0);
    // Every step was about this machine; a page watching another machine heard none of them.
    expect(new Set(events.got.map((m) => m.machine))).toEqual(new Set(["gone"]));
    // Each job event carries the job as it is when sent (the queued one may already run by then).
    expect(events.got.flatMap((m) => (m.job ? [m.job.status] : [])).at(-1)).toBe("failed");
    await runner.idle();
    expect(elsewhere.got).toEqual([]);
  });

  it("refuses an unknown machine, a malformed payload and more than the limit of machines per connection", async () => {
    const viewer = await live.client("viewer");
    expect(await request<Answer>(viewer, "machine:subscribe", { machine: "nope" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await request<Answer>(viewer, "machine:subscribe", { machine: "-rf" })).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
    expect(await request<Answer>(viewer, "machine:subscribe", { machine: "gone", extra: 1 })).toMatchObject({ ok: false });
    for (let i = 0; i < MAX_MACHINES_PER_SOCKET; i++) {
      expect(await request<Answer>(viewer, "machine:subscribe", { machine: `m${i}` })).toMatchObject({ ok: true });
    }
    expect(await request<Answer>(viewer, "machine:subscribe", { machine: "gone" })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    // Leaving one makes room; subscribing to one already watched again is not a new one.
    expect(await request<Answer>(viewer, "machine:unsubscribe", { machine: "m0" })).toEqual({ ok: true });
    expect(await request<Answer>(viewer, "machine:subscribe", { machine: "m1" })).toMatchObject({ ok: true });
    expect(await request<Answer>(viewer, "machine:subscribe", { machine: "gone" })).toMatchObject({ ok: true });
  });
});
