import { describe, expect, it } from "vitest";
import { parseJournalQuery } from "./journal";

describe("journal query", () => {
  it("accepts a full filter, units repeated or comma separated", () => {
    const r = parseJournalQuery({
      machine: "frame2",
      unit: ["caddy.service", "loki.service,grafana.service"],
      priority: "3",
      since: "-1h",
      until: "now",
      grep: "paneltest",
      regex: "1",
    });
    expect(r).toEqual({
      ok: true,
      query: {
        machine: "frame2",
        unit: ["caddy.service", "loki.service", "grafana.service"],
        priority: 3,
        since: "-1h",
        until: "now",
        grep: "paneltest",
        regex: true,
      },
    });
  });
  it("treats empty fields as not set", () => {
    expect(parseJournalQuery({ machine: "", unit: "", priority: "", since: "", grep: "" })).toEqual({
      ok: true,
      query: { unit: [], regex: false },
    });
  });
  it("refuses hostile units, machines, times and bad regexes by field", () => {
    for (const [params, field] of [
      [{ unit: "-H evil.service" }, "unit"],
      [{ unit: "caddy.service; reboot" }, "unit"],
      [{ machine: "frame1; rm -rf /" }, "machine"],
      [{ priority: "9" }, "priority"],
      [{ since: "$(id)" }, "since"],
      [{ until: "--output=cat" }, "until"],
      [{ grep: "a\nb" }, "grep"],
      [{ grep: "(", regex: "1" }, "grep"],
      [{ since: "2026-11-26" }, "since"],
      [{ since: "2026-11-26T17:00:00" }, "since"],
    ] as const) {
      const r = parseJournalQuery(params as Record<string, string>);
      expect(r.ok, JSON.stringify(params)).toBe(false);
      if (!r.ok) expect(Object.keys(r.fields)).toContain(field);
    }
  });
  it("accepts ISO times with a zone (as a failed job's link sends)", () => {
    const r = parseJournalQuery({ since: "2026-11-26T17:00:00.123Z" });
    expect(r.ok).toBe(true);
  });
});
