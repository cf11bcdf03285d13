// The Prometheus text exposition format (what node_exporter's /metrics serves), parsed totally:
// any text gives samples and a count of lines that were not samples, never an exception. Bounded:
// at most MAX_SAMPLES samples and lines of at most MAX_LINE characters are read.
export type Sample = { name: string; labels: Record<string, string>; value: number };
export type Exposition = { samples: Sample[]; skipped: number };

export const MAX_SAMPLES = 50_000;
const MAX_LINE = 16_384;
const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/** A sample value: a float, or +Inf / -Inf / NaN as Go prints them. */
function number(text: string): number | null {
  if (text === "+Inf" || text === "Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (text === "NaN") return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return null;
  return Number(text);
}

/** `{a="x",b="y\"z"}` from position i (just after the name); returns the labels and where they end. */
function labels(line: string, i: number): { labels: Record<string, string>; end: number } | null {
  const out: Record<string, string> = {};
  i += 1; // "{"
  for (;;) {
    while (line[i] === " ") i++;
    if (line[i] === "}") return { labels: out, end: i + 1 };
    const name = LABEL_NAME.exec(line.slice(i))?.[0];
    if (!name) return null;
    i += name.length;
    if (line[i] !== "=" || line[i + 1] !== '"') return null;
    i += 2;
    let value = "";
    for (;;) {
      const c = line[i];
      if (c === undefined) return null;
      if (c === '"') break;
      if (c === "\\") {
        const e = line[i + 1];
        value += e === "n" ? "\n" : e === "\\" ? "\\" : e === '"' ? '"' : `\\${e ?? ""}`;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    i++; // closing quote
    out[name] = value;
    while (line[i] === " ") i++;
    if (line[i] === ",") i++;
    else if (line[i] !== "}") return null;
  }
}

function sample(line: string): Sample | null {
  if (line.length > MAX_LINE) return null;
  const name = NAME.exec(line)?.[0];
  if (!name) return null;
  let i = name.length;
  let ls: Record<string, string> = {};
  if (line[i] === "{") {
    const parsed = labels(line, i);
    if (!parsed) return null;
    ls = parsed.labels;
    i = parsed.end;
  }
  const rest = line.slice(i).trim().split(/\s+/);
  if (rest.length < 1 || rest.length > 2) return null;
  const value = number(rest[0]);
  if (value === null) return null;
  return { name, labels: ls, value };
}

export function parseExposition(text: string): Exposition {
  const samples: Sample[] = [];
  let skipped = 0;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (samples.length >= MAX_SAMPLES) {
      skipped++;
      continue;
    }
    const s = sample(line);
    if (s) samples.push(s);
    else skipped++;
  }
  return { samples, skipped };
}
