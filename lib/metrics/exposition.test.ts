import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_SAMPLES, parseExposition } from "./exposition";
import { countersOf, disksOf, nodeFigures } from "./node-figures";

const real = readFileSync(new URL("../fixtures/real/metrics/node-exporter-1.5-metrics.txt", import.meta.url), "utf8");

describe("parseExposition on node_exporter 1.5's real /metrics", () => {
  const { samples, skipped } = parseExposition(real);

  it("reads every sample line and skips none", () => {
    const sampleLines = real.split("\n").filter((l) => l.trim() && !l.startsWith("#")).length;
    expect(skipped).toBe(0);
    expect(samples).toHaveLength(sampleLines);
  });

  it("reads labels, escaped label values and exponent values", () => {
    const size = samples.find((s) => s.name === "node_filesystem_size_bytes" && s.labels.mountpoint === "/");
    expect(size).toEqual({
      name: "node_filesystem_size_bytes",
      labels: { device: "/dev/vda", fstype: "ext4", mountpoint: "/" },
      value: 270553174016,
    });
    const build = samples.find((s) => s.name === "node_exporter_build_info");
    expect(build?.labels.version).toBe("1.5.0");
    expect(samples.find((s) => s.name === "node_boot_time_seconds")?.value).toBe(1796516263);
  });

  it("gives the figures a single scrape can: memory, disks, load, uptime; no rates yet", () => {
    const f = nodeFigures(samples, countersOf(samples, 1796524200), null);
    expect(f.memTotalBytes).toBe(25276203008);
    expect(f.memUsedBytes).toBe(25276203008 - samples.find((s) => s.name === "node_memory_MemAvailable_bytes")!.value);
    expect(f.disks.map((d) => d.mount)).toContain("/");
    expect(f.load?.every((l) => l >= 0)).toBe(true);
    expect(f.uptimeSeconds).toBeGreaterThan(0);
    expect(f.cpuPercent).toBeNull();
    expect(f.netInBytesPerSec).toBeNull();
  });

  it("computes CPU % and network rates from two scrapes' counters", () => {
    const before = { at: 100, cpuIdle: 1000, cpuTotal: 2000, netIn: 5000, netOut: 100 };
    const now = { at: 110, cpuIdle: 1015, cpuTotal: 2020, netIn: 15000, netOut: 600 };
    const f = nodeFigures(samples, now, before);
    expect(f.cpuPercent).toBeCloseTo(25);
    expect(f.netInBytesPerSec).toBe(1000);
    expect(f.netOutBytesPerSec).toBe(50);
  });

  it("leaves out loopback traffic and tmpfs mounts", () => {
    const s = parseExposition(
      [
        'node_network_receive_bytes_total{device="lo"} 1e9',
        'node_network_receive_bytes_total{device="eth0"} 42',
        'node_filesystem_size_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 100',
        'node_filesystem_avail_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 50',
      ].join("\n"),
    ).samples;
    expect(countersOf(s, 0).netIn).toBe(42);
    expect(disksOf(s)).toEqual([]);
  });
});

describe("parseExposition is total", () => {
  it.each([
    ["garbage", "}{ not metrics"],
    ["an unterminated label value", 'x{a="b} 1'],
    ["a label without quotes", "x{a=b} 1"],
    ["no value", 'x{a="b"}'],
    ["a word for a value", "x 12abc"],
    ["three fields", "x 1 2 3"],
  ])("skips %s", (_, line) => {
    expect(parseExposition(line)).toEqual({ samples: [], skipped: 1 });
  });

  it("reads timestamps, +Inf, NaN and escapes", () => {
    const { samples } = parseExposition('a{l="q\\"\\\\\\n"} +Inf 1700000000000\nb NaN\nc -1.5e-3');
    expect(samples[0]).toEqual({ name: "a", labels: { l: 'q"\\\n' }, value: Infinity });
    expect(samples[1].value).toBeNaN();
    expect(samples[2].value).toBe(-0.0015);
  });

  it("stops keeping samples at its bound", () => {
    const text = Array.from({ length: MAX_SAMPLES + 5 }, (_, i) => `m ${i}`).join("\n");
    const r = parseExposition(text);
    expect(r.samples).toHaveLength(MAX_SAMPLES);
    expect(r.skipped).toBe(5);
  });
});
