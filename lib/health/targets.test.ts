import { describe, expect, it } from "vitest";
import { targetHost, targetsFor, tcpTarget } from "./targets";
import { seedMachines, seedServices } from "../db/seed-data";

describe("tcpTarget", () => {
  it("splits host:port, including bracketed IPv6", () => {
    expect(tcpTarget("k", "frame1:443")).toEqual({ key: "k", kind: "tcp", host: "frame1", port: 443 });
    expect(tcpTarget("k", "10.0.0.1:22")).toEqual({ key: "k", kind: "tcp", host: "10.0.0.1", port: 22 });
    expect(tcpTarget("k", "[::1]:2222")).toEqual({ key: "k", kind: "tcp", host: "::1", port: 2222 });
  });

  it("returns null without a port", () => {
    expect(tcpTarget("k", "frame1")).toBeNull();
    expect(tcpTarget("k", "frame1:")).toBeNull();
    expect(tcpTarget("k", "")).toBeNull();
    expect(tcpTarget("k", "frame1:123456")).toBeNull();
  });
});

describe("targetsFor", () => {
  it("makes HTTP and TCP checks for services and SSH checks for machines with a host", () => {
    const targets = targetsFor(
      [
        { slug: "web", checkType: "http", checkTarget: "https://web.lan/health" },
        { slug: "db", checkType: "tcp", checkTarget: "db.lan:5432" },
        { slug: "vpn", checkType: "none", checkTarget: "" },
        { slug: "empty", checkType: "http", checkTarget: "" },
        { slug: "broken", checkType: "tcp", checkTarget: "no-port" },
      ],
      [
        { name: "frame1", sshHost: "frame1", sshPort: 22 },
        { name: "iso", sshHost: null, sshPort: 22 },
      ],
    );
    expect(targets).toEqual([
      { key: "service:web", kind: "http", url: "https://web.lan/health" },
      { key: "service:db", kind: "tcp", host: "db.lan", port: 5432 },
      { key: "machine:frame1", kind: "tcp", host: "frame1", port: 22 },
    ]);
  });

  it("covers the seeded inventory", () => {
    const targets = targetsFor(
      seedServices,
      seedMachines.map((m) => ({ name: m.name, sshHost: m.sshHost, sshPort: m.sshPort })),
    );
    expect(targets.map((t) => t.key)).toEqual([
      "service:caddy",
      "service:homepage",
      "service:grafana",
      "service:victoriametrics",
      "service:loki",
      "service:alloy",
      "service:ssh",
      "machine:frame1",
      "machine:frame1-vm",
    ]);
    expect(targets.find((t) => t.key === "machine:frame1-vm")).toEqual({
      key: "machine:frame1-vm",
      kind: "tcp",
      host: "localhost",
      port: 2222,
    });
  });
});

describe("targetHost", () => {
  it("is the host a check would contact", () => {
    expect(targetHost({ key: "k", kind: "tcp", host: "frame1", port: 22 })).toBe("frame1");
    expect(targetHost({ key: "k", kind: "http", url: "https://Grafana.Local.kaifer.dev:8443/api/health" })).toBe(
      "grafana.local.kaifer.dev",
    );
    expect(targetHost({ key: "k", kind: "http", url: "http://[::1]:8080/" })).toBe("[::1]");
    expect(targetHost({ key: "k", kind: "http", url: "http://user@10.0.0.5/" })).toBe("10.0.0.5");
  });
});
