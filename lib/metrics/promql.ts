import "server-only";
// A client for VictoriaMetrics' (and Prometheus') HTTP API: /api/v1/query and /api/v1/query_range.
// Every answer is parsed with zod: a shape it does not expect is a MetricsSourceError, never a throw
// of anything else. Bounded by a time-out and a response size.
import { z } from "zod";
import { fetchText, MetricsSourceError, type FetchLimits } from "./http";

const value = z.tuple([z.number(), z.string()]);
const metric = z.record(z.string(), z.string());
const vector = z.object({ resultType: z.literal("vector"), result: z.array(z.object({ metric, value })) });
const matrix = z.object({ resultType: z.literal("matrix"), result: z.array(z.object({ metric, values: z.array(value) })) });
const scalar = z.object({ resultType: z.literal("scalar"), result: value });
const answer = z.discriminatedUnion("status", [
  z.object({ status: z.literal("success"), data: z.discriminatedUnion("resultType", [vector, matrix, scalar]) }),
  z.object({ status: z.literal("error"), errorType: z.string().optional(), error: z.string() }),
]);

export type InstantSample = { metric: Record<string, string>; value: number };
export type RangeSeries = { metric: Record<string, string>; points: [number, number][] };
export type PromLimits = Pick<FetchLimits, "timeoutMs" | "maxBytes" | "signal">;

/** Parses an API answer; throws MetricsSourceError for an error answer or an unexpected shape. */
export function parseAnswer(text: string): z.infer<typeof answer> & { status: "success" } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MetricsSourceError(`not JSON: ${text.slice(0, 120)}`);
  }
  const parsed = answer.safeParse(json);
  if (!parsed.success) throw new MetricsSourceError(`unexpected answer: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  if (parsed.data.status === "error") throw new MetricsSourceError(`query failed: ${parsed.data.error.slice(0, 300)}`);
  return parsed.data;
}

const num = (s: string) => Number(s); // "NaN", "+Inf" are numbers too

export function parseVector(text: string): InstantSample[] {
  const data = parseAnswer(text).data;
  if (data.resultType === "scalar") return [{ metric: {}, value: num(data.result[1]) }];
  if (data.resultType !== "vector") throw new MetricsSourceError(`expected a vector, got a ${data.resultType}`);
  return data.result.map((r) => ({ metric: r.metric, value: num(r.value[1]) }));
}

export function parseMatrix(text: string): RangeSeries[] {
  const data = parseAnswer(text).data;
  if (data.resultType !== "matrix") throw new MetricsSourceError(`expected a matrix, got a ${data.resultType}`);
  return data.result.map((r) => ({ metric: r.metric, points: r.values.map(([t, v]): [number, number] => [t, num(v)]) }));
}

function url(base: string, path: string, params: Record<string, string>): string {
  const u = new URL(path, base.endsWith("/") ? base : `${base}/`);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

export async function query(base: string, promql: string, limits: PromLimits): Promise<InstantSample[]> {
  return parseVector(await fetchText(url(base, "api/v1/query", { query: promql }), limits));
}

export async function queryRange(
  base: string,
  promql: string,
  range: { start: number; end: number; step: number },
  limits: PromLimits,
): Promise<RangeSeries[]> {
  const params = { query: promql, start: String(range.start), end: String(range.end), step: `${range.step}s` };
  return parseMatrix(await fetchText(url(base, "api/v1/query_range", params), limits));
}
