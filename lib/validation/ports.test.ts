import { describe, expect, it } from "vitest";
import { formatPorts, parsePorts, portNumber, portsField } from "./ports";

const messageOf = (text: string) => {
  const r = portsField.safeParse(text);
  return r.success ? null : r.error.issues[0].message;
};

describe("ports list", () => {
  it("normalises lists", () => {
    expect(portsField.parse("80/tcp, 443/tcp")).toBe("80/tcp, 443/tcp");
    expect(portsField.parse("80,443")).toBe("80/tcp, 443/tcp");
    expect(portsField.parse("  53/UDP   8080/Tcp ,, 22 ")).toBe("53/udp, 8080/tcp, 22/tcp");
    expect(portsField.parse("41641/udp")).toBe("41641/udp");
    expect(portsField.parse("")).toBe("");
  });

  it("explains what is wrong", () => {
    expect(messageOf("70000")).toBe("Port 70000 is out of range (1-65535).");
    expect(messageOf("0")).toBe("Port 0 is out of range (1-65535).");
    expect(messageOf("abc")).toBe('"abc" is not a port like 443 or 41641/udp.');
    expect(messageOf("80/sctp")).toBe('"80/sctp" is not a port like 443 or 41641/udp.');
    expect(messageOf("1234567")).toBe('"1234567" is not a port like 443 or 41641/udp.');
    expect(messageOf("80;rm -rf /")).toBe('"80;rm" is not a port like 443 or 41641/udp.');
    expect(messageOf(Array.from({ length: 17 }, (_, i) => 1000 + i).join(","))).toBe("At most 16 ports.");
    expect(messageOf("1,".repeat(101))).toBe("Too long.");
  });

  it("parsePorts and formatPorts round-trip", () => {
    expect(parsePorts("22, 41641/udp")).toEqual({
      ok: true,
      ports: [
        { port: 22, protocol: "tcp" },
        { port: 41641, protocol: "udp" },
      ],
    });
    expect(
      formatPorts([
        { port: 22, protocol: "tcp" },
        { port: 41641, protocol: "udp" },
      ]),
    ).toBe("22/tcp, 41641/udp");
    expect(parsePorts(Array.from({ length: 16 }, (_, i) => 1 + i).join(" "))).toMatchObject({ ok: true });
  });
});

describe("portNumber", () => {
  it.each([
    ["1", 1],
    ["22", 22],
    ["65535", 65535],
    [443, 443],
  ])("accepts %j", (input, port) => {
    expect(portNumber.parse(input)).toBe(port);
  });

  it.each([
    ["0", "Port must be between 1 and 65535."],
    ["65536", "Port must be between 1 and 65535."],
    ["-22", "Port must be between 1 and 65535."],
    ["abc", "Port must be a number."],
    ["2.5", "Port must be a whole number."],
  ])("rejects %j", (input, message) => {
    expect(portNumber.safeParse(input).error?.issues[0].message).toBe(message);
  });
});
