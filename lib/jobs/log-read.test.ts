import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import { countLogLines, readLog } from "./log-read";
import { LogStore, type LogLine } from "./log-store";

const tdb = useTestDatabase();
let store: LogStore;
let jobId = 0;
const lines = (from: number, to: number): LogLine[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    seq: from + i,
    stream: (from + i) % 3 ? "stdout" : "stderr",
    text: `line ${from + i}`,
    at: new Date(1000 + from + i),
  }));

beforeAll(async () => {
  const m = await tdb.client().machine.create({ data: { name: "m1", system: "x86_64-linux", role: "testing" } });
  jobId = (await tdb.client().job.create({ data: { kind: "build", machineId: m.id } })).id;
  store = new LogStore(tdb.url());
  // Rows of uneven sizes, as a writer flushing by time and by count leaves them.
  for (const [a, b] of [
    [1, 1],
    [2, 500],
    [501, 503],
    [504, 1200],
    [1201, 1201],
    [1202, 2000],
  ])
    expect(store.tryAppend(jobId, lines(a, b))).toBe(true);
});
afterAll(() => store.close());

describe("readLog", () => {
  it("pages through rows of any size with no gap and no repeat, from any seq", async () => {
    for (const [after, limit] of [
      [0, 2000],
      [0, 7],
      [1, 499],
      [250, 300],
      [502, 1],
      [1199, 10],
      [1999, 5],
      [2000, 5],
      [0, 1],
    ]) {
      const got = await readLog(tdb.client(), jobId, after, limit);
      const end = Math.min(2000, after + limit);
      expect(
        got.map((l) => l.seq),
        `after ${after} limit ${limit}`,
      ).toEqual(Array.from({ length: end - after }, (_, i) => after + 1 + i));
    }
    const [l] = await readLog(tdb.client(), jobId, 502, 1);
    expect(l).toEqual({ seq: 503, stream: "stdout", text: "line 503", at: new Date(1503) });
    expect(await countLogLines(tdb.client(), jobId)).toBe(2000);
    expect(await countLogLines(tdb.client(), jobId, "stderr")).toBe(lines(1, 2000).filter((l) => l.stream === "stderr").length);
  });

  it("reads past a gap in the numbering instead of stopping", async () => {
    const m = await tdb.client().machine.findFirstOrThrow();
    const other = (await tdb.client().job.create({ data: { kind: "build", machineId: m.id } })).id;
    store.tryAppend(other, lines(1, 10));
    store.tryAppend(other, lines(21, 30));
    expect((await readLog(tdb.client(), other, 0, 100)).map((l) => l.seq)).toEqual([...lines(1, 10), ...lines(21, 30)].map((l) => l.seq));
    expect((await readLog(tdb.client(), other, 5, 8)).map((l) => l.seq)).toEqual([6, 7, 8, 9, 10, 21, 22, 23]);
  });
});
