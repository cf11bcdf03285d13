// Job logs over real socket.io from a real job on the lab (frame2, `seq`): replay then live with no
// gap and no repeat, across a forced reconnect, and a slow client told to re-sync with bounded
// server memory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket as ClientSocket } from "socket.io-client";
import { lab } from "@/e2e/lab";
import { useTestDatabase } from "../test/db";
import type { SshPool } from "../ssh/pool";
import { labMachines, waitForJob } from "../test/lab-jobs";
import { countLogLines } from "../jobs/log-read";
import { JobRunner } from "../jobs/runner";
import type { WireJob, WireLogBatch } from "./events";
import { unpackLines } from "../wire/log-batch";
import { attachJobLogs, type JobLogsHub } from "./job-logs";
import { request, startLiveServer, type LiveServer } from "./live-server.test-support";

const tdb = useTestDatabase();
const MAX_PENDING = 1024 * 1024;
let pool: SshPool;
let runner: JobRunner;
let live: LiveServer;
let hub: JobLogsHub;

beforeAll(async () => {
  const { info, pool: p } = await labMachines(tdb.client());
  pool = p;
  const fp = info.hosts.find((h) => h.name === "frame2")?.hostKeyFingerprint ?? null;
  await tdb.client().machine.create({
    data: { name: "frame2", system: "x86_64-linux", role: "testing", sshHost: "10.231.2.2", sshUser: "admin", hostKeyFingerprint: fp },
  });
  runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
  await runner.start();
  live = await startLiveServer(tdb.client(), (io) => {
    hub = attachJobLogs(io, { runner, db: tdb.client, settings: { maxPendingBytes: MAX_PENDING } });
  });
});

afterAll(async () => {
  await lab.run("frame2", "pkill -CONT -f '^perl -e use Time::HiRes' || true", "root").catch(() => undefined);
  await live?.close();
  await runner?.shutdown(2000);
  pool?.closeAll();
});

const seqJob = (count: number, rate?: number) =>
  runner.enqueue({ machine: "frame2", kind: "bench-seq", args: { count, rate }, requestedById: null });

// A paced bench-seq job runs `perl -e 'use Time::HiRes ...'` on frame2. Holding it (SIGSTOP) puts
// the cut of a test at a point the test chooses, before the job's end, however busy the machine:
// while it is held the job cannot finish, and every line it prints after SIGCONT comes after the cut.
const PACED = "'^perl -e use Time::HiRes'";
async function holdProducer() {
  const r = await lab.exec("frame2", `pkill -STOP -f ${PACED}`, "root");
  expect(r.code, "the paced job was still printing when the test held it").toBe(0);
}
const releaseProducer = () => lab.run("frame2", `pkill -CONT -f ${PACED} || true`, "root");
const storedCount = async (jobId: number) => countLogLines(tdb.client(), jobId);

/** Follows a job like the browser does: subscribe with the last seq it has, re-subscribe on job:resync. */
function follow(s: ClientSocket, jobId: number, seqs: number[], after = 0) {
  const state = { mismatches: [] as string[], resyncs: [] as number[], updates: [] as WireJob[], acks: [] as WireJob[] };
  s.on("job:lines", (p: WireLogBatch) => {
    if (p.jobId === jobId) for (const l of unpackLines(p)) seqs.push(l.seq);
  });
  s.on("job:update", (p: { job: WireJob }) => state.updates.push(p.job));
  s.on("job:resync", (p: { jobId: number; after: number }) => {
    state.resyncs.push(p.after);
    if (p.after !== (seqs.at(-1) ?? 0)) state.mismatches.push(`resync after ${p.after}, client has ${seqs.at(-1)}`);
    void subscribe(seqs.at(-1) ?? 0);
  });
  const subscribe = async (from: number) => {
    const r = await request<{ ok: boolean; job: WireJob }>(s, "job:subscribe", { jobId, after: from });
    expect(r.ok).toBe(true);
    state.acks.push(r.job);
  };
  return { state, ready: subscribe(after) };
}

function expectContiguous(seqs: number[], total: number) {
  expect(seqs.length).toBe(total);
  const bad = seqs.findIndex((s, i) => s !== i + 1);
  expect(bad, `first gap or repeat at index ${bad}: ${seqs.slice(Math.max(0, bad - 3), bad + 3).join(",")}`).toBe(-1);
}

describe("job logs", () => {
  it("replays then streams live with no gap and no repeat when subscribing mid-job", async () => {
    const s = await live.client();
    const job = await seqJob(1_000_000);
    await lab.waitFor("the job to have stored lines", async () => ((await storedCount(job.id)) > 5_000 ? true : null), 60_000, 20);
    const seqs: number[] = [];
    const f = follow(s, job.id, seqs);
    await f.ready;
    expect(f.state.acks[0]).toMatchObject({ id: job.id, status: "running", machine: "frame2" });
    const done = await waitForJob(tdb.client(), job.id, ["succeeded"]);
    const total = await storedCount(job.id);
    await lab.waitFor("every stored line to arrive", async () => (seqs.length >= total ? true : null), 240_000, 50);
    expectContiguous(seqs, total);
    await lab.waitFor(
      "the final job:update",
      async () => (f.state.updates.some((u) => u.status === done.status) ? true : null),
      10_000,
      50,
    );
    console.log(`mid-job subscribe: ${total} lines, ${f.state.resyncs.length} re-syncs`);
    s.close();
  });

  it("sends live batches once to every caught-up subscriber, and nothing to a socket that did not subscribe", async () => {
    const [a, b, bystander] = await Promise.all([live.client(), live.client(), live.client()]);
    const overheard: number[] = [];
    bystander.on("job:lines", (p: WireLogBatch) => overheard.push(p.jobId));
    const sharedBefore = hub.stats().sharedBatches;
    const job = await seqJob(200_000);
    const [seqsA, seqsB]: number[][] = [[], []];
    await Promise.all([follow(a, job.id, seqsA).ready, follow(b, job.id, seqsB).ready]);
    await waitForJob(tdb.client(), job.id, ["succeeded"]);
    const total = await storedCount(job.id);
    await lab.waitFor("every stored line at both", async () => (seqsA.length >= total && seqsB.length >= total ? true : null), 240_000, 50);
    expectContiguous(seqsA, total);
    expectContiguous(seqsB, total);
    expect(hub.stats().sharedBatches).toBeGreaterThan(sharedBefore); // the broadcast path ran
    expect(overheard).toEqual([]);
    for (const s of [a, b, bystander]) s.close();
  });

  it("continues after a forced disconnect with no gap and no repeat", async () => {
    const job = await seqJob(150_000, 10_000);
    const seqs: number[] = [];
    const first = await live.client();
    await follow(first, job.id, seqs).ready;
    await lab.waitFor("some lines to arrive", async () => (seqs.length > 20_000 ? true : null), 60_000, 20);
    await holdProducer();
    first.io.engine.close(); // the transport drops, as on a network blip
    await lab.waitFor("the server to drop the subscription", async () => (hub.stats(job.id).subscriptions === 0 ? true : null), 10_000, 20);
    const cut = seqs.length;
    const again = await live.client();
    await follow(again, job.id, seqs, seqs.at(-1)).ready;
    await releaseProducer();
    await waitForJob(tdb.client(), job.id, ["succeeded"]);
    const total = await storedCount(job.id);
    await lab.waitFor("every stored line to arrive", async () => (seqs.length >= total ? true : null), 240_000, 50);
    expect(cut).toBeLessThan(total);
    expectContiguous(seqs, total);
    again.close();
  });

  it("tells a slow client to re-sync and keeps the server's unsent bytes bounded", async () => {
    const job = await seqJob(1_500_000, 100_000);
    const s = await live.client();
    const seqs: number[] = [];
    const f = follow(s, job.id, seqs);
    await f.ready;
    await lab.waitFor("live lines to arrive", async () => (seqs.length > 20_000 ? true : null), 60_000, 10);
    // Stop reading the TCP connection, like a phone on a bad link, while the job is held: every line
    // it prints from then on backs up in the server's writes.
    await holdProducer();
    const tcp = (s.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): void } } }).ws._socket;
    tcp.pause();
    await releaseProducer();
    await lab.waitFor(
      "the server to give up on the slow client",
      async () => (hub.stats(job.id).subscriptions === 0 ? true : null),
      120_000,
      20,
    );
    const seen = hub.stats().maxPendingSeen;
    tcp.resume();
    await f.ready;
    await lab.waitFor("a job:resync", async () => (f.state.resyncs.length > 0 ? true : null), 120_000, 50);
    // The re-sync names the last line actually sent, so nothing was lost before it.
    expect(f.state.resyncs[0]).toBeGreaterThan(0);
    expect(f.state.mismatches).toEqual([]);
    await waitForJob(tdb.client(), job.id, ["succeeded"]);
    const total = await storedCount(job.id);
    await lab.waitFor("every stored line to arrive", async () => (seqs.length >= total ? true : null), 240_000, 50);
    expectContiguous(seqs, total);
    console.log(`slow client: max unsent bytes seen ${seen} (bound ${MAX_PENDING}), ${f.state.resyncs.length} re-syncs`);
    expect(seen).toBeGreaterThan(MAX_PENDING);
    expect(seen).toBeLessThan(MAX_PENDING + 256 * 1024);
    s.close();
  });
});
