// The one shape every tool-output parser uses to say what it could not read, so nothing it
// skips is silent: how many lines (or values) were not recognised and the first few of them, as
// they came (ANSI removed, cut to a readable length). Parsers return it beside their result.

export type Unrecognised = { count: number; sample: string[] };

/** How many unrecognised lines are kept as a sample, and how long each may be. */
export const SAMPLE_LINES = 3;
export const SAMPLE_CHARS = 200;

export function noUnrecognised(): Unrecognised {
  return { count: 0, sample: [] };
}

/** Counts one unrecognised line (or value) into `u`, keeping it as a sample while there is room. */
export function noteUnrecognised(u: Unrecognised, line: string): void {
  u.count += 1;
  if (u.sample.length < SAMPLE_LINES) u.sample.push(line.length > SAMPLE_CHARS ? `${line.slice(0, SAMPLE_CHARS)}…` : line);
}

/**
 * Reads `output` line by line with `parse` (null: not recognised); blank lines are skipped. `shown`
 * is how an unrecognised line is kept in the sample (e.g. without ANSI colour).
 */
export function parseLines<T>(
  output: string,
  parse: (line: string) => T | null,
  shown: (line: string) => string = (l) => l.trim(),
): { items: T[]; unrecognised: Unrecognised } {
  const items: T[] = [];
  const unrecognised = noUnrecognised();
  for (const line of output.split("\n")) {
    if (line.trim() === "") continue;
    const item = parse(line);
    if (item !== null) items.push(item);
    else noteUnrecognised(unrecognised, shown(line));
  }
  return { items, unrecognised };
}

/** The words for it, the same wherever parsed output is shown: "3 lines of nix-env's output were
 * not recognised", or null when everything was read. */
export function unrecognisedText(u: Unrecognised | null | undefined, source: string): string | null {
  if (!u || u.count <= 0) return null;
  return `${u.count.toLocaleString("en")} ${u.count === 1 ? "line" : "lines"} of ${source} ${u.count === 1 ? "was" : "were"} not recognised`;
}
