// Journal follow over real socket.io from the lab (frame2): a transient unit writes entries of
// known priorities; filters return only matching entries; one remote journalctl per distinct
// filter, shared by its viewers, and none left on the host after the last viewer leaves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket as ClientSocket } from "socket.io-client";
import { lab } from "@/e2e/lab";
import { useTestDatabase } from "../test/db";
import { createSshPool, type SshPool } from "../ssh/pool";
import type { WireJournalEntry } from "./events";
import { attachJournal, type JournalHub } from "./journal";
import { request, startLiveServer, type LiveServer } from "./live-server.test-support";

const tdb = useTestDatabase();
const UNIT = `live-jt-${Date.now()}.service`;
let pool: SshPool;
let live: LiveServer;
let hub: JournalHub;

beforeAll(async () => {
  const info = await lab.up();
  pool = createSshPool({ keyFile: info.privateKeyPath });
  const fp = info.hosts.find((h) => h.name === "frame2")?.hostKeyFingerprint ?? null;
  await tdb.client().machine.create({
    data: { name: "frame2", system: "x86_64-linux", role: "testing", sshHost: "10.231.2.2", sshUser: "admin", hostKeyFingerprint: fp },
  });
  // stdout of a service reaches the journal with the unit attached; "<N>" sets the priority.
  await lab.run("frame2", [
    "systemd-run",
    `--unit=${UNIT}`,
    "--",
    "bash",
    "-c",
    'i=0; while :; do echo "<3>err line $i"; echo "<4>warning line $i"; echo "<6>info line $i"; i=$((i+1)); sleep 0.2; done',
  ]);
  live = await startLiveServer(tdb.client(), (io) => {
    hub = attachJournal(io, { db: tdb.client, pool: () => pool });
  });
});

afterAll(async () => {
  await live?.close();
  pool?.closeAll();
  await lab.exec("frame2", ["systemctl", "stop", UNIT], "root", { timeoutMs: 30_000 });
});

/** Remote journalctl processes following our unit (as seen on the host). */
async function journalctls(): Promise<string[]> {
  // A lab SSH login now and then stalls for minutes: give up on it and log in again.
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await lab.exec("frame2", "pgrep -fa journalctl || true", "root", { timeoutMs: 15_000 });
      return r.stdout.split("\n").filter((l) => l.includes(`--unit=${UNIT}`));
    } catch (err) {
      if (attempt === 4) throw err;
    }
  }
}

function collect(s: ClientSocket, streamId: () => string | undefined) {
  const entries: WireJournalEntry[] = [];
  s.on("journal:entries", (p: { streamId: string; entries: WireJournalEntry[] }) => {
    if (p.streamId === streamId()) entries.push(...p.entries);
  });
  return entries;
}

async function subscribe(s: ClientSocket, filter: Record<string, unknown>) {
  const stream: { id?: string } = {};
  const entries = collect(s, () => stream.id);
  const r = await request<{ ok: boolean; streamId: string }>(s, "journal:subscribe", { machine: "frame2", units: [UNIT], ...filter });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  stream.id = r.streamId;
  return { id: r.streamId, entries };
}

describe("journal", () => {
  it("filters by priority and text, shares one journalctl per filter, leaves none behind", async () => {
    const [a, b, c, d] = await Promise.all([live.client(), live.client(), live.client(), live.client()]);
    const errA = await subscribe(a, { priority: "err" });
    const errB = await subscribe(b, { priority: 3 }); // the same filter, spelled differently
    const info = await subscribe(c, { priority: "info", since: "-1min" });
    const grep = await subscribe(d, { grep: "^warning line \\d*7$", regex: true });
    expect(errB.id).toBe(errA.id);
    expect(new Set([errA.id, info.id, grep.id]).size).toBe(3);

    await lab.waitFor(
      "entries on every stream",
      async () => (errA.entries.length > 5 && errB.entries.length > 5 && info.entries.length > 15 && grep.entries.length > 1 ? true : null),
      30_000,
      50,
    );
    expect(errA.entries.every((e) => e.priority !== null && e.priority <= 3 && e.message.startsWith("err line"))).toBe(true);
    expect(errB.entries.every((e) => e.priority !== null && e.priority <= 3)).toBe(true);
    expect(new Set(info.entries.map((e) => e.priority))).toEqual(new Set([3, 4, 6]));
    expect(info.entries.every((e) => e.unit === UNIT)).toBe(true);
    expect(grep.entries.every((e) => /^warning line \d*7$/.test(e.message))).toBe(true);
    // A viewer joining a running stream gets the buffered backlog first, then live entries, no repeats.
    const late = await live.client();
    const errLate = await subscribe(late, { priority: "err" });
    expect(errLate.id).toBe(errA.id);
    await lab.waitFor(
      "backlog and live entries",
      async () => (errLate.entries.length > errA.entries.length / 2 + 3 ? true : null),
      30_000,
      50,
    );
    expect(new Set(errLate.entries.map((e) => e.cursor)).size).toBe(errLate.entries.length);

    const procs = await journalctls();
    console.log(`journalctl on frame2 for 5 viewers / 3 filters:\n${procs.join("\n")}`);
    expect(procs).toHaveLength(3);
    expect(hub.streams().size).toBe(3);

    // Leaving: unsubscribe, disconnect; each journalctl ends with its last viewer.
    expect((await request<{ ok: boolean }>(a, "journal:unsubscribe", { streamId: errA.id })).ok).toBe(true);
    b.close();
    expect(await journalctls()).toHaveLength(3); // `late` still watches the err stream
    late.close();
    c.close();
    await request(d, "journal:unsubscribe", { streamId: grep.id });
    await lab.waitFor("no stream left in the panel", async () => (hub.streams().size === 0 ? true : null), 10_000, 20);
    await lab.waitFor("no journalctl left on frame2", async () => ((await journalctls()).length === 0 ? true : null), 20_000, 200);
    a.close();
    d.close();
  });

  it("refuses bad filters and caps streams per connection", async () => {
    const s = await live.client();
    const bad = async (f: Record<string, unknown>) =>
      request<{ ok: boolean; error: { code: string; fields?: Record<string, string> } }>(s, "journal:subscribe", {
        machine: "frame2",
        units: [UNIT],
        ...f,
      });
    expect(await bad({ units: ["-x.service"] })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await bad({ priority: "loud" })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await bad({ grep: "(", regex: true })).toMatchObject({
      ok: false,
      error: { code: "invalid_input", fields: { grep: expect.any(String) } },
    });
    expect(await bad({ grep: "x".repeat(201) })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await bad({ since: "yesterday; rm -rf /" })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await bad({ machine: "nope" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    for (let p = 0; p < 5; p++) expect((await bad({ priority: p })).ok).toBe(true);
    expect(await bad({ priority: 5 })).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(hub.streams().size).toBe(5);
    s.close();
    await lab.waitFor("no journalctl left on frame2", async () => ((await journalctls()).length === 0 ? true : null), 20_000, 200);
    expect(hub.streams().size).toBe(0);
  });
});
