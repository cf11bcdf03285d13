import { describe, expect, it } from "vitest";
import { journal } from "../commands";
import { journalFilterSchema } from "../validation/live";
import { escapePcre, normalise, queryOf, streamIdOf } from "./journal-filter";

const parse = (f: Record<string, unknown>) => journalFilterSchema.parse({ machine: "frame1", units: ["loki.service"], ...f });

describe("journal filters", () => {
  it("gives equal filters one stream id, however they are spelled", () => {
    const a = streamIdOf(normalise(parse({ units: ["loki.service", "grafana.service"], priority: "err" })));
    const b = streamIdOf(normalise(parse({ units: ["grafana.service", "loki.service", "loki.service"], priority: 3 })));
    const c = streamIdOf(normalise(parse({ units: ["grafana.service", "loki.service"], priority: "warning" })));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a).toMatch(/^j[0-9a-f]{16}$/);
  });

  it("searches text literally and passes a regex as it is", () => {
    expect(escapePcre("a.b*(c)")).toBe("a\\.b\\*\\(c\\)");
    expect(normalise(parse({ grep: "GET /x?y" })).pattern).toBe("GET /x\\?y");
    expect(normalise(parse({ grep: "^err \\d+$", regex: true })).pattern).toBe("^err \\d+$");
  });

  it("builds one argv: backlog, follow, every value inside one word", () => {
    const cmd = journal({ sshUser: "admin" }, queryOf(normalise(parse({ priority: "err", grep: "a b; rm -rf /" })), 200));
    expect(cmd.argv).toEqual([
      "journalctl",
      "-o",
      "json",
      "--no-pager",
      "--unit=loki.service",
      "--priority=3",
      "--grep=a b; rm -rf /",
      "--follow",
      "--lines=200",
    ]);
  });

  it("does not follow a range with an end (journalctl -f would never stop)", () => {
    const q = queryOf(normalise(parse({ since: "-2h", until: "-1h" })), 200);
    expect(q.follow).toBe(false);
  });

  it("refuses hostile or malformed filters", () => {
    const bad = (f: Record<string, unknown>) => journalFilterSchema.safeParse({ machine: "frame1", units: ["loki.service"], ...f }).success;
    expect(bad({ units: ["-H.service"] })).toBe(false);
    expect(bad({ units: [] })).toBe(false);
    expect(bad({ units: Array.from({ length: 11 }, (_, i) => `u${i}.service`) })).toBe(false);
    expect(bad({ machine: "--all" })).toBe(false);
    expect(bad({ priority: 8 })).toBe(false);
    expect(bad({ since: "tomorrow" })).toBe(false);
    expect(bad({ grep: "a\nb" })).toBe(false);
    expect(bad({ grep: "(", regex: true })).toBe(false);
    expect(bad({ regex: true })).toBe(false);
    expect(bad({ extra: 1 })).toBe(false);
    expect(bad({ priority: "err", since: "-15min", grep: "x" })).toBe(true);
  });
});
