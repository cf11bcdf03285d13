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

/** Adds `more` into `into` (a stream read in parts). */
export function mergeUnrecognised(into: Unrecognised, more: Unrecognised): Unrecognised {
  const sample = [...into.sample, ...more.sample].slice(0, SAMPLE_LINES);
  return { count: into.count + more.count, sample };
}

/** Whether a parsed value (possibly stored before this field existed) reports anything unrecognised. */
export function hasUnrecognised(u: Unrecognised | null | undefined): u is Unrecognised {
  return !!u && u.count > 0;
}
