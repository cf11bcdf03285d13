import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MetricsSourceError } from "./http";
import { parseMatrix, parseVector } from "./promql";
import { instanceSelector } from "./queries";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/real/metrics/${name}`, import.meta.url), "utf8");

describe("PromQL answers of VictoriaMetrics 1.79 (real captures)", () => {
  it("reads an instant vector", () => {
    const [s] = parseVector(fixture("vm-1.79-query-cpu-vector.json"));
    expect(s.metric).toEqual({});
    expect(s.value).toBeCloseTo(77.0357142857165);
  });

  it("reads labels of a vector", () => {
    const [s] = parseVector(fixture("vm-1.79-query-filesystem-vector.json"));
    expect(s.metric.mountpoint).toBe("/");
    expect(s.value).toBe(270553174016);
  });

  it("reads an empty result as no samples", () => {
    expect(parseVector(fixture("vm-1.79-query-empty.json"))).toEqual([]);
  });

  it("reads a range matrix", () => {
    const [s] = parseMatrix(fixture("vm-1.79-query-range-cpu-matrix.json"));
    expect(s.points.length).toBeGreaterThan(1);
    expect(s.points[0][0]).toBeGreaterThan(1_700_000_000);
  });

  it("turns an error answer into a MetricsSourceError with VictoriaMetrics' reason", () => {
    expect(() => parseVector(fixture("vm-1.79-query-syntax-error.json"))).toThrow(MetricsSourceError);
    expect(() => parseVector(fixture("vm-1.79-query-syntax-error.json"))).toThrow(/unexpected token/);
  });

  it("refuses a matrix where a vector was asked for, and the reverse", () => {
    expect(() => parseVector(fixture("vm-1.79-query-range-cpu-matrix.json"))).toThrow(/expected a vector/);
    expect(() => parseMatrix(fixture("vm-1.79-query-cpu-vector.json"))).toThrow(/expected a matrix/);
  });

  it.each(["", "null", "<html>", '{"status":"success"}', '{"status":"success","data":{"resultType":"vector","result":[{"value":[1,2]}]}}'])(
    "is total: %s is a MetricsSourceError",
    (text) => {
      expect(() => parseVector(text)).toThrow(MetricsSourceError);
    },
  );
});

describe("instanceSelector", () => {
  it("matches the names exactly, with any port, escaping regex characters", () => {
    expect(instanceSelector(["frame1", "10.0.0.1"])).toBe('instance=~"(frame1|10\\\\.0\\\\.0\\\\.1)(:[0-9]+)?"');
  });
});
