import { describe, expect, it } from "vitest";
import { httpUrlOf, postChecksVerdict, unitChecks, unitsToCheck } from "./check-results";

const svc = (name: string, o: Partial<{ unit: string | null; url: string | null; checkType: string; checkTarget: string }> = {}) => ({
  name,
  unit: null,
  url: null,
  checkType: "none",
  checkTarget: "",
  ...o,
});
const status = (id: string, activeState: string) => ({
  id,
  activeState,
  subState: activeState === "active" ? "running" : "dead",
  since: null,
  mainPid: null,
  restarts: null,
  memoryBytes: null,
  description: "",
});

describe("post-deploy checks", () => {
  it("checks each distinct unit once", () => {
    expect(unitsToCheck([svc("Grafana", { unit: "grafana.service" }), svc("Dup", { unit: "grafana.service" }), svc("None")])).toEqual([
      { service: "Grafana", unit: "grafana.service" },
    ]);
  });
  it("prefers the http check target, falls back to the URL, ignores other schemes", () => {
    expect(httpUrlOf(svc("a", { checkType: "http", checkTarget: "http://10.0.0.1:3000/health", url: "https://a.example" }))).toBe(
      "http://10.0.0.1:3000/health",
    );
    expect(httpUrlOf(svc("b", { checkType: "tcp", checkTarget: "b:22", url: "https://b.example/" }))).toBe("https://b.example/");
    expect(httpUrlOf(svc("c", { url: "ftp://c.example/" }))).toBeNull();
    expect(httpUrlOf(svc("d", { url: "not a url" }))).toBeNull();
  });
  it("a unit passes only when active; a missing unit is unknown and fails", () => {
    const checks = unitChecks(
      [
        { service: "G", unit: "grafana.service" },
        { service: "L", unit: "loki" },
        { service: "X", unit: "x.service" },
      ],
      [status("grafana.service", "active"), status("loki.service", "failed")],
    );
    expect(checks.map((c) => [c.unit, c.activeState, c.ok])).toEqual([
      ["grafana.service", "active", true],
      ["loki", "failed", false],
      ["x.service", "unknown", false],
    ]);
  });
  it("matches statuses by position, so an alias (sshd.service shown as ssh.service) is found", () => {
    const checks = unitChecks(
      [
        { service: "SSH", unit: "sshd.service" },
        { service: "G", unit: "grafana.service" },
      ],
      [status("ssh.service", "active"), status("grafana.service", "failed")],
    );
    expect(checks.map((c) => [c.unit, c.activeState])).toEqual([
      ["sshd.service", "active"],
      ["grafana.service", "failed"],
    ]);
  });
  it("summarises honestly: failures named, skipped HTTP checks counted but not failed", () => {
    const at = new Date("2026-11-26T10:00:00Z");
    const ok = postChecksVerdict(
      [{ service: "G", unit: "grafana.service", activeState: "active", subState: "running", ok: true }],
      [{ service: "H", url: "https://h/", status: "skipped", detail: "", ok: true }],
      at,
    );
    expect(ok).toMatchObject({
      ok: true,
      summary: "1 unit active, 0 HTTP checks up; 1 HTTP check skipped (host not in HEALTH_CHECK_ALLOW)",
      at: "2026-11-26T10:00:00.000Z",
    });
    const bad = postChecksVerdict(
      [{ service: "L", unit: "loki.service", activeState: "failed", subState: "failed", ok: false }],
      [{ service: "H", url: "http://h/", status: "down", detail: "connection refused", ok: false }],
      at,
    );
    expect(bad.ok).toBe(false);
    expect(bad.summary).toBe("not active: loki.service (failed); HTTP down: H (connection refused)");
    expect(postChecksVerdict([], [], at, "lost the connection").ok).toBe(false);
  });
});
