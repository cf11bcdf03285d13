/** `n` rounded to `digits` decimals, for the figures the benchmarks print. */
export function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
