import { describe, expect, it } from "vitest";
import { inventoryHostsOf, parseAllowList } from "./allow";

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

describe("inventory hosts and metadata addresses", () => {
  const inventory = () => new Set(["frame1", "grafana.local.kaifer.dev"]);

  it('"inventory" allows the hosts the inventory names, and nothing else', () => {
    const allow = parseAllowList("inventory", inventory);
    expect(allow("frame1")).toBe(true);
    expect(allow("GRAFANA.local.kaifer.dev")).toBe(true);
    expect(allow("evil.example")).toBe(false);
    expect(allow("10.0.0.1")).toBe(false);
    expect(parseAllowList("inventory,10.0.0.0/8", inventory)("10.0.0.1")).toBe(true);
  });

  it("refuses link-local and metadata literals even with * or inventory, unless listed themselves", () => {
    for (const host of ["169.254.169.254", "[fd00:ec2::254]", "fd00:0ec2:0:0:0:0:0:254", "fe80::1", "febf::1", "::ffff:169.254.169.254"]) {
      expect(parseAllowList("*")(host), host).toBe(false);
      expect(parseAllowList("inventory", () => new Set([host.replace(/^\[|\]$/g, "")]))(host), host).toBe(false);
    }
    expect(parseAllowList("169.254.169.254")("169.254.169.254")).toBe(true);
    expect(parseAllowList("169.254.0.0/16")("169.254.1.2")).toBe(true);
    expect(parseAllowList("*")("fec0::1")).toBe(true); // not link-local
  });

  it("checks the address a name resolves to: metadata only when the name or address is listed", () => {
    const any = parseAllowList("*");
    expect(any.address("169.254.169.254", "metadata.google.internal")).toBe(false);
    expect(any.address("fe80::1", "router.lan")).toBe(false);
    expect(any.address("10.0.0.5", "frame1")).toBe(true);
    expect(parseAllowList("*,metadata.google.internal").address("169.254.169.254", "metadata.google.internal")).toBe(true);
    expect(parseAllowList("*,169.254.169.254").address("169.254.169.254", "anything")).toBe(true);
  });

  it("collects the inventory's hosts from machines and service links", () => {
    expect([
      ...inventoryHostsOf(
        [{ sshHost: "frame1" }, { sshHost: null }],
        ["https://Grafana.local.kaifer.dev/x", null, "not a url", "http://[::1]:8080/"],
      ),
    ]).toEqual(["frame1", "grafana.local.kaifer.dev", "::1"]);
  });
});
