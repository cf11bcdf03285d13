import { describe, expect, it } from "vitest";
import { groupBy, matches } from "./filter";

const grafana = ["Grafana", "Observability", "Dashboards over metrics and logs.", "grafana.service", null, undefined];

describe("matches", () => {
  it("an empty or blank query matches everything", () => {
    expect(matches("", grafana)).toBe(true);
    expect(matches("   \t ", grafana)).toBe(true);
    expect(matches("", [])).toBe(true);
  });

  it("is case-insensitive and finds substrings in any field", () => {
    expect(matches("GRAF", grafana)).toBe(true);
    expect(matches("observ", grafana)).toBe(true);
    expect(matches(".service", grafana)).toBe(true);
  });

  it("needs every term, in any field and order", () => {
    expect(matches("logs grafana", grafana)).toBe(true);
    expect(matches("  metrics   observability ", grafana)).toBe(true);
    expect(matches("grafana loki", grafana)).toBe(false);
  });

  it("does not match text that is not there, or null fields", () => {
    expect(matches("caddy", grafana)).toBe(false);
    expect(matches("null", grafana)).toBe(false);
    expect(matches("undefined", grafana)).toBe(false);
    expect(matches("x", [])).toBe(false);
  });
});

describe("groupBy", () => {
  it("keeps groups in first-seen order and items in given order", () => {
    const items = [
      { n: "caddy", g: "Infra" },
      { n: "grafana", g: "Obs" },
      { n: "homepage", g: "Infra" },
      { n: "ssh", g: "Net" },
      { n: "loki", g: "Obs" },
    ];
    expect(groupBy(items, (i) => i.g).map(([g, list]) => [g, list.map((i) => i.n)])).toEqual([
      ["Infra", ["caddy", "homepage"]],
      ["Obs", ["grafana", "loki"]],
      ["Net", ["ssh"]],
    ]);
  });

  it("returns nothing for nothing", () => {
    expect(groupBy([], String)).toEqual([]);
  });
});
