// The journal page's filter in the query string (?machine=&unit=&priority=&since=&until=&grep=&regex=1),
// checked with the same strict patterns the commands use. Bad values are reported per field.
import { z } from "zod";
import { MACHINE_NAME, ONE_LINE, UNIT } from "../commands/patterns";

export const PRIORITIES = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"] as const;
/** As journalctl is given it (lib/commands): ISO with a zone, "now", or relative "-1h", "-30min", "-2d". */
const TIME =
  /^(now|-[0-9]{1,6} ?(s|sec|m|min|h|hr|d|w)|[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:?[0-9]{2}))$/;

const opt = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === "" ? undefined : v), s.optional());

export const journalQuery = z.object({
  machine: opt(z.string().regex(MACHINE_NAME, "not a machine name")),
  unit: z.preprocess(
    (v) =>
      v === undefined
        ? []
        : (Array.isArray(v) ? v : [v])
            .flatMap((u) => String(u).split(","))
            .map((u) => u.trim())
            .filter(Boolean),
    z.array(z.string().regex(UNIT, "not a systemd unit name")).max(10, "at most 10 units"),
  ),
  priority: opt(z.coerce.number().int().min(0).max(7)),
  since: opt(z.string().max(40).regex(TIME, "a time like 2026-11-26T17:00Z, now or -1h")),
  until: opt(z.string().max(40).regex(TIME, "a time like 2026-11-26T17:00Z, now or -10min")),
  grep: opt(z.string().max(200).regex(ONE_LINE, "one line of text")),
  regex: z.preprocess((v) => v === "1" || v === "on" || v === "true", z.boolean()),
});

export type JournalQuery = z.infer<typeof journalQuery>;

/** Parses Next's searchParams; on failure the fields with their messages. */
export function parseJournalQuery(
  params: Record<string, string | string[] | undefined>,
): { ok: true; query: JournalQuery } | { ok: false; fields: Record<string, string> } {
  const r = journalQuery.safeParse(params);
  if (r.success) {
    if (r.data.grep && r.data.regex) {
      try {
        new RegExp(r.data.grep);
      } catch {
        return { ok: false, fields: { grep: "not a valid regular expression" } };
      }
    }
    return { ok: true, query: r.data };
  }
  return { ok: false, fields: Object.fromEntries(r.error.issues.map((i) => [String(i.path[0] ?? "query"), i.message])) };
}
