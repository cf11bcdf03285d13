import { describe, expect, it } from "vitest";
import { serviceInput } from "./service";
import { fieldErrors } from "./form";

const base = { slug: "grafana", name: "Grafana", groupName: "Observability" };
const errorsOf = (input: Record<string, unknown>) => {
  const r = serviceInput.safeParse({ ...base, ...input });
  return r.success ? {} : fieldErrors(r.error);
};

describe("serviceInput", () => {
  it("fills defaults for a minimal form", () => {
    expect(serviceInput.parse(base)).toEqual({
      ...base,
      icon: "",
      description: "",
      url: null,
      docsUrl: null,
      unit: null,
      ports: "",
      checkType: "none",
      checkTarget: "",
      machine: null,
    });
  });

  it("normalises a full form submission", () => {
    expect(
      serviceInput.parse({
        ...base,
        icon: "chart",
        url: " https://grafana.local.kaifer.dev ",
        docsUrl: "",
        unit: "grafana.service",
        ports: "3001",
        checkType: "http",
        checkTarget: "https://grafana.local.kaifer.dev/api/health",
        machine: "frame1",
      }),
    ).toMatchObject({
      url: "https://grafana.local.kaifer.dev",
      docsUrl: null,
      unit: "grafana.service",
      ports: "3001/tcp",
      checkTarget: "https://grafana.local.kaifer.dev/api/health",
      machine: "frame1",
    });
  });

  it("requires a name and a group, and a valid slug", () => {
    expect(errorsOf({ name: "  ", groupName: "" })).toEqual({ name: "Name is required.", groupName: "Group is required." });
    expect(errorsOf({ slug: "-grafana" })).toEqual({
      slug: "Use 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.",
    });
    expect(errorsOf({ name: "x".repeat(81) })).toEqual({ name: "Name must be at most 80 characters." });
  });

  it("checks units, icons, ports and the machine name", () => {
    expect(errorsOf({ unit: "grafana" })).toEqual({ unit: "Use a systemd unit name such as grafana.service." });
    expect(errorsOf({ unit: "-x.service" })).toEqual({ unit: "Use a systemd unit name such as grafana.service." });
    expect(errorsOf({ unit: "a b.service" })).toEqual({ unit: "Use a systemd unit name such as grafana.service." });
    expect(serviceInput.parse({ ...base, unit: "getty@tty1.service" }).unit).toBe("getty@tty1.service");
    expect(errorsOf({ icon: "skull" })).toEqual({ icon: "Choose an icon from the list." });
    expect(errorsOf({ ports: "70000" })).toEqual({ ports: "Port 70000 is out of range (1-65535)." });
    expect(errorsOf({ machine: "Frame1" })).toEqual({
      machine: "Use 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.",
    });
  });

  it("accepts only http(s) links", () => {
    expect(errorsOf({ url: "javascript:alert(1)" })).toEqual({ url: "Link must be an http:// or https:// URL." });
    expect(errorsOf({ docsUrl: "ftp://files.lan/" })).toEqual({ docsUrl: "Docs link must be an http:// or https:// URL." });
  });
});

describe("service check targets", () => {
  it("an HTTP check needs an http(s) URL", () => {
    const message = "An HTTP check needs an http:// or https:// URL.";
    expect(errorsOf({ checkType: "http", checkTarget: "" })).toEqual({ checkTarget: message });
    expect(errorsOf({ checkType: "http", checkTarget: "frame1:443" })).toEqual({ checkTarget: message });
    expect(errorsOf({ checkType: "http", checkTarget: "file:///etc/passwd" })).toEqual({ checkTarget: message });
    expect(serviceInput.parse({ ...base, checkType: "http", checkTarget: "http://10.0.0.2:8080/health" }).checkTarget).toBe(
      "http://10.0.0.2:8080/health",
    );
  });

  it("a TCP check needs host:port", () => {
    const message = "A TCP check needs host:port, e.g. frame1:22 (port 1-65535).";
    for (const checkTarget of ["frame1", "frame1:", "frame1:70000", "frame1:0", "-oProxyCommand=x:22", "a b:22", "https://frame1"]) {
      expect(errorsOf({ checkType: "tcp", checkTarget }), checkTarget).toEqual({ checkTarget: message });
    }
    for (const checkTarget of ["frame1:22", "10.0.0.1:443", "[::1]:22", "frame1.lan:65535"]) {
      expect(serviceInput.parse({ ...base, checkType: "tcp", checkTarget }).checkTarget).toBe(checkTarget);
    }
  });

  it("no check clears the target", () => {
    expect(serviceInput.parse({ ...base, checkType: "none", checkTarget: "whatever:1" }).checkTarget).toBe("");
  });

  it("rejects unknown check types", () => {
    expect(errorsOf({ checkType: "icmp" })).toEqual({ checkType: "Choose none, HTTP or TCP." });
  });
});
