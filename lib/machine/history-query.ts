// The machine page's history filter, from the query string: ?kind=deploy&outcome=rolled-back.
import { z } from "zod";
import { JOB_KINDS, JOB_STATUSES } from "../wire/job-kinds";

export const historyQuery = z.object({
  kind: z.enum(JOB_KINDS).optional().catch(undefined),
  outcome: z.enum(JOB_STATUSES).optional().catch(undefined),
});
export type HistoryQuery = z.infer<typeof historyQuery>;

/** Parses Next's searchParams; unknown values are ignored (a bad link shows everything). */
export function parseHistoryQuery(sp: Record<string, string | string[] | undefined>): HistoryQuery {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  return historyQuery.parse({ kind: one(sp.kind), outcome: one(sp.outcome) });
}

/** The query string for a filter (empty values dropped). */
export function historyHref(base: string, q: HistoryQuery): string {
  const params = new URLSearchParams();
  if (q.kind) params.set("kind", q.kind);
  if (q.outcome) params.set("outcome", q.outcome);
  const s = params.toString();
  return s ? `${base}?${s}#history` : `${base}#history`;
}
