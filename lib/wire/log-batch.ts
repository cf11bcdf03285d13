// Consecutive log lines in a compact, columnar form: their texts joined by "\n" into one string
// (a line never holds a newline: lines are split on it), with the streams and the times
// run-length encoded (a build prints thousands of lines per millisecond on one stream). The same
// form travels to browsers (job:lines) and is what the log store keeps per row: 500 lines cost one
// JSON string, not 500 objects or 500 rows (JSON.parse of a 500-string array is ~10x slower than
// of one string plus a split). Safe in the browser.

export type LogStreamName = "stdout" | "stderr" | "system";
/** Line i is the i-th piece of `text` split on "\n", with seq `first + i`; `count` lines in all;
 * `streams` and `at` (epoch ms) are runs of [value, how many lines]. */
export type LineBatch = { first: number; count: number; text: string; streams: [LogStreamName, number][]; at: [number, number][] };
/** One line with its time as epoch milliseconds. */
export type PlainLine = { seq: number; stream: LogStreamName; text: string; at: number };

type AnyLine = { seq: number; stream: LogStreamName; text: string; at: number | Date };

/** Packs lines whose seqs are consecutive (throws otherwise: a caller bug, never user input). */
export function packLines(lines: readonly AnyLine[]): LineBatch {
  if (lines.length === 0) throw new RangeError("packLines: no lines");
  const first = lines[0].seq;
  const texts: string[] = new Array(lines.length);
  let stray = false;
  const streams: [LogStreamName, number][] = [];
  const at: [number, number][] = [];
  let stream: [LogStreamName, number] | null = null;
  let time: [number, number] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.seq !== first + i) throw new RangeError(`packLines: seq ${l.seq} after ${first + i - 1}`);
    texts[i] = l.text;
    stray ||= l.text.includes("\n");
    if (stream && stream[0] === l.stream) stream[1] += 1;
    else streams.push((stream = [l.stream, 1]));
    const ms = typeof l.at === "number" ? l.at : l.at.getTime();
    if (time && time[0] === ms) time[1] += 1;
    else at.push((time = [ms, 1]));
  }
  // A newline inside a line would shift every later line: shown as U+2424 instead (the log writer
  // already splits multi-line texts, so this is a last guard).
  const text = stray ? texts.map((t) => t.replaceAll("\n", "\u2424")).join("\n") : texts.join("\n");
  return { first, count: lines.length, text, streams, at };
}

/** The texts of a batch's lines, in order. */
export function textsOf(b: Pick<LineBatch, "count" | "text">): string[] {
  const texts = b.count === 1 ? [b.text] : b.text.split("\n");
  if (texts.length !== b.count) throw new RangeError(`log batch: ${texts.length} lines, expected ${b.count}`);
  return texts;
}

/** The batch's lines; throws when the count or the runs do not match the texts (a corrupt batch). */
export function unpackLines(b: LineBatch): PlainLine[] {
  const texts = textsOf(b);
  const out: PlainLine[] = new Array(texts.length);
  for (let i = 0; i < out.length; i++) out[i] = { seq: b.first + i, stream: "stdout", text: texts[i], at: 0 };
  fillRuns(b.streams, out.length, (i, v) => (out[i].stream = v));
  fillRuns(b.at, out.length, (i, v) => (out[i].at = v));
  return out;
}

/** The seq of the batch's last line. */
export const lastSeqOf = (b: Pick<LineBatch, "first" | "count">) => b.first + b.count - 1;

function fillRuns<T>(runs: [T, number][], total: number, set: (i: number, v: T) => void): void {
  let i = 0;
  for (const [v, n] of runs) {
    if (!Number.isSafeInteger(n) || n < 1 || i + n > total) throw new RangeError("unpackLines: runs do not match the texts");
    for (const end = i + n; i < end; i++) set(i, v);
  }
  if (i !== total) throw new RangeError("unpackLines: runs do not match the texts");
}

/** The stored form (JobLogChunk.body): the batch without `first`, which is a column of its own. */
export function storedBody(b: LineBatch): string {
  return JSON.stringify({ count: b.count, text: b.text, streams: b.streams, at: b.at });
}

/** The lines of a stored body whose first line has seq `first`. */
export function unpackStored(first: number, body: string): PlainLine[] {
  return unpackLines({ ...(JSON.parse(body) as Omit<LineBatch, "first">), first });
}
