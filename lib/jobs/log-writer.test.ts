import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import { LogStore, type LogLine } from "./log-store";
import { readLog } from "./log-read";
import { LogWriter } from "./log-writer";

const tdb = useTestDatabase();
let store: LogStore;
let jobId = 0;

beforeAll(async () => {
  const m = await tdb.client().machine.create({ data: { name: "m1", system: "x86_64-linux", role: "testing" } });
  jobId = (await tdb.client().job.create({ data: { kind: "build", machineId: m.id } })).id;
  store = new LogStore(tdb.url());
});
afterAll(() => store.close());

describe("LogWriter", () => {
  it("writes numbered lines in batches, readable through Prisma, and reports each batch once", async () => {
    const batches: LogLine[][] = [];
    const w = new LogWriter(jobId, store, { maxBytes: 1e9, flushMs: 20, batchLines: 100, onBatch: (b) => batches.push(b) });
    for (let i = 1; i <= 250; i++) await w.push(i % 2 ? "stdout" : "stderr", `line ${i}`);
    expect(batches.map((b) => b.length)).toEqual([100, 100]);
    await w.close();
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    const rows = await readLog(tdb.client(), jobId, 0, 1e9);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(rows[1]).toMatchObject({ stream: "stderr", text: "line 2" });
    expect(rows[0].at).toBeInstanceOf(Date);
    expect(Math.abs(rows[0].at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("flushes a quiet log after flushMs", async () => {
    const batches: LogLine[][] = [];
    const w = new LogWriter(jobId, store, { maxBytes: 1e9, flushMs: 20, batchLines: 100, onBatch: (b) => batches.push(b) }, 1000);
    await w.push("stdout", "alone");
    const end = Date.now() + 2000;
    while (batches.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(batches[0].map((l) => [l.seq, l.text])).toEqual([[1001, "alone"]]);
    await w.close();
  });

  it("stops storing at maxBytes with one marker line, but keeps taking lines", async () => {
    const w = new LogWriter(jobId, store, { maxBytes: 100, flushMs: 20, batchLines: 500 }, 2000);
    for (let i = 0; i < 50; i++) await w.push("stdout", "0123456789");
    await w.system("finished");
    await w.close();
    const rows = await readLog(tdb.client(), jobId, 2000, 1e9);
    expect(rows.filter((r) => r.stream === "stdout")).toHaveLength(9);
    expect(rows.filter((r) => r.text.startsWith("[log truncated"))).toHaveLength(1);
    expect(rows.at(-1)?.text).toBe("finished");
    expect(w.truncated).toBe(true);
  });

  it("stores a multi-line system text as one line per line", async () => {
    const w = new LogWriter(jobId, store, { maxBytes: 1e9, flushMs: 20, batchLines: 500 }, 3000);
    await w.system("failed: exit 1\r\nstderr: no such file\nlast");
    await w.close();
    const rows = await readLog(tdb.client(), jobId, 3000, 1e9);
    expect(rows.map((r) => [r.seq, r.stream, r.text])).toEqual([
      [3001, "system", "failed: exit 1"],
      [3002, "system", "stderr: no such file"],
      [3003, "system", "last"],
    ]);
  });
});
