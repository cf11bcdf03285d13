import { describe, expect, it } from "vitest";
import { parseAllowList } from "./allow";

describe("parseAllowList", () => {
  it('"*" allows any host, even among other entries', () => {
    for (const spec of ["*", "frame1, *"]) {
      const allow = parseAllowList(spec);
      expect(allow("frame1")).toBe(true);
      expect(allow("8.8.8.8")).toBe(true);
      expect(allow("::1")).toBe(true);
    }
  });

  it("an empty list allows nothing", () => {
    expect(parseAllowList("")("127.0.0.1")).toBe(false);
    expect(parseAllowList(" , ")("frame1")).toBe(false);
  });

  it("matches names exactly, case-insensitively, after trimming entries", () => {
    const allow = parseAllowList(" Frame1 , grafana.local.kaifer.dev");
    expect(allow("frame1")).toBe(true);
    expect(allow("FRAME1")).toBe(true);
    expect(allow("grafana.local.kaifer.dev")).toBe(true);
    expect(allow("frame1-vm")).toBe(false);
    expect(allow("local.kaifer.dev")).toBe(false);
    expect(allow("evil.grafana.local.kaifer.dev")).toBe(false);
  });

  it("matches single IPs, with IPv6 brackets stripped", () => {
    const allow = parseAllowList("127.0.0.1,::1");
    expect(allow("127.0.0.1")).toBe(true);
    expect(allow("127.0.0.2")).toBe(false);
    expect(allow("[::1]")).toBe(true);
    expect(allow("::1")).toBe(true);
    expect(allow("localhost")).toBe(false);
  });

  it("matches IPv4 CIDRs", () => {
    const allow = parseAllowList("192.168.1.0/24, 10.0.0.0/8, 100.64.0.1/32");
    expect(allow("192.168.1.0")).toBe(true);
    expect(allow("192.168.1.255")).toBe(true);
    expect(allow("192.168.2.1")).toBe(false);
    expect(allow("10.255.3.4")).toBe(true);
    expect(allow("11.0.0.1")).toBe(false);
    expect(allow("100.64.0.1")).toBe(true);
    expect(allow("100.64.0.2")).toBe(false);
    expect(allow("192.168.1.300")).toBe(false);
    expect(allow("frame1")).toBe(false); // a CIDR never matches a name
  });

  it("handles /0, /1 and non-aligned bases", () => {
    expect(parseAllowList("0.0.0.0/0")("203.0.113.9")).toBe(true);
    expect(parseAllowList("0.0.0.0/0")("frame1")).toBe(false);
    expect(parseAllowList("128.0.0.0/1")("200.1.1.1")).toBe(true);
    expect(parseAllowList("128.0.0.0/1")("127.255.255.255")).toBe(false);
    expect(parseAllowList("192.168.1.77/24")("192.168.1.3")).toBe(true);
  });

  it("ignores malformed CIDRs instead of widening them", () => {
    for (const spec of ["10.0.0.0/33", "10.0.0.0/abc", "10.0.0.0/", "10.0.0.0/-1", "10.0.0/8", "::1/128"]) {
      const allow = parseAllowList(spec);
      expect(allow("10.0.0.1"), spec).toBe(false);
      expect(allow("8.8.8.8"), spec).toBe(false);
    }
  });
});
