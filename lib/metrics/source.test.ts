import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { sourceFor } from "./source";

const frame1 = { name: "frame1", sshHost: "10.0.0.1" };

describe("sourceFor", () => {
  it("falls back to the machine's node_exporter on port 9100", () => {
    expect(sourceFor(frame1, {})).toEqual({ kind: "node_exporter", url: "http://10.0.0.1:9100/metrics" });
    expect(sourceFor({ name: "v6", sshHost: "fd00::1" }, {})).toEqual({ kind: "node_exporter", url: "http://[fd00::1]:9100/metrics" });
  });

  it("uses METRICS_URL for every machine, matching its name or address as the instance", () => {
    expect(sourceFor(frame1, { METRICS_URL: "http://frame1:8428" })).toEqual({
      kind: "victoriametrics",
      url: "http://frame1:8428",
      instances: ["frame1", "10.0.0.1"],
    });
  });

  it("lets METRICS_URLS override per machine: a /metrics URL is node_exporter, off is none", () => {
    const e = parseEnv({ METRICS_URL: "http://vm:8428", METRICS_URLS: "frame1=http://n1:9100/metrics, frame2=off" });
    expect(sourceFor(frame1, e)).toEqual({ kind: "node_exporter", url: "http://n1:9100/metrics" });
    expect(sourceFor({ name: "frame2", sshHost: "x" }, e).kind).toBe("none");
    expect(sourceFor({ name: "frame3", sshHost: null }, e).kind).toBe("victoriametrics");
  });

  it("has none for a machine with no address and no URL", () => {
    expect(sourceFor({ name: "installer", sshHost: null }, {})).toMatchObject({
      kind: "none",
      reason: expect.stringMatching(/no address/),
    });
  });

  it.each(["frame1", "frame1=ftp://x", "=http://x", "frame1=http://a b"])("the environment refuses METRICS_URLS=%s", (v) => {
    expect(() => parseEnv({ METRICS_URLS: v })).toThrow(/METRICS_URLS/);
  });
});
