// Targets and the human-readable lines of the report.
export type Verdict = "PASS" | "MISS" | "n/a";

export type Target = { name: string; value: number | null; op: "<=" | "<" | ">="; limit: number; unit: string; verdict: Verdict };

export function target(name: string, value: number | null, op: Target["op"], limit: number, unit: string): Target {
  let verdict: Verdict = "n/a";
  if (value !== null && Number.isFinite(value)) {
    const ok = op === "<=" ? value <= limit : op === "<" ? value < limit : value >= limit;
    verdict = ok ? "PASS" : "MISS";
  }
  return { name, value, op, limit, unit, verdict };
}

export const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export function line(text = ""): void {
  process.stdout.write(`${text}\n`);
}

export function targetLine(t: Target): string {
  const v = t.value === null ? "n/a" : `${t.value} ${t.unit}`;
  return `  [${t.verdict}] ${t.name}: ${v} (target ${t.op} ${t.limit} ${t.unit})`;
}
