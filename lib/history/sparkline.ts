// A latency sparkline as SVG polyline points (viewBox 0 0 48 12): drawn by the server, no chart
// library and no script. Hours without a latency are left out (the line joins their neighbours).
export const SPARK_WIDTH = 48;
export const SPARK_HEIGHT = 12;

export function sparkPoints(means: readonly (number | null)[]): { spark: string; sparkMaxMs: number } {
  const known = means.filter((m): m is number => m !== null);
  if (known.length < 2) return { spark: "", sparkMaxMs: known[0] ?? 0 };
  const max = Math.max(...known, 1);
  const step = SPARK_WIDTH / Math.max(means.length - 1, 1);
  const points: string[] = [];
  means.forEach((m, i) => {
    if (m === null) return;
    const y = SPARK_HEIGHT - 0.5 - (m / max) * (SPARK_HEIGHT - 1);
    points.push(`${round(i * step)},${round(y)}`);
  });
  return { spark: points.join(" "), sparkMaxMs: Math.round(max) };
}

const round = (n: number) => Math.round(n * 10) / 10;
