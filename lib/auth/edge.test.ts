import { describe, expect, it } from "vitest";
import { allowedHosts, clientInfo, hostAllowed, isLoopback, originAllowed } from "./edge";

const origins = ["https://local.kaifer.dev", "http://127.0.0.1:3000", "http://localhost:3000"];

describe("edge checks", () => {
  it("allows only configured hosts (DNS rebinding)", () => {
    const hosts = allowedHosts(origins);
    expect(hostAllowed("local.kaifer.dev", hosts)).toBe(true);
    expect(hostAllowed("LOCAL.kaifer.dev", hosts)).toBe(true);
    expect(hostAllowed("127.0.0.1:3000", hosts)).toBe(true);
    expect(hostAllowed("attacker.example", hosts)).toBe(false);
    expect(hostAllowed("127.0.0.1:3001", hosts)).toBe(false);
    expect(hostAllowed(undefined, hosts)).toBe(false);
  });

  it("checks Origin (or Referer) on state-changing methods only", () => {
    expect(originAllowed("GET", "https://evil.example", undefined, origins)).toBe(true);
    expect(originAllowed("POST", "https://local.kaifer.dev", undefined, origins)).toBe(true);
    expect(originAllowed("POST", "https://evil.example", undefined, origins)).toBe(false);
    expect(originAllowed("POST", "null", undefined, origins)).toBe(false);
    expect(originAllowed("DELETE", undefined, undefined, origins)).toBe(false);
    expect(originAllowed("POST", undefined, "http://127.0.0.1:3000/inventory", origins)).toBe(true);
    expect(originAllowed("POST", undefined, "https://local.kaifer.dev.evil.example/", origins)).toBe(false);
  });

  it("believes X-Forwarded-* and Tailscale headers only from trusted proxies", () => {
    const headers = { "x-forwarded-for": "100.64.0.7", "x-forwarded-proto": "https", "tailscale-user-login": "alice@example.com" };
    const opts = { trustedProxies: ["127.0.0.1"], tailscaleIdentity: true, secureSocket: false };
    expect(clientInfo("::ffff:127.0.0.1", headers, opts)).toEqual({
      address: "100.64.0.7",
      viaProxy: true,
      https: true,
      tailscaleLogin: "alice@example.com",
    });
    expect(clientInfo("10.0.0.9", headers, opts)).toEqual({ address: "10.0.0.9", viaProxy: false, https: false, tailscaleLogin: null });
    expect(clientInfo("127.0.0.1", headers, { ...opts, tailscaleIdentity: false }).tailscaleLogin).toBeNull();
    // Spoofed chain: only the hop the trusted proxy appended counts.
    expect(clientInfo("127.0.0.1", { "x-forwarded-for": "127.0.0.1, 203.0.113.5" }, opts).address).toBe("203.0.113.5");
  });

  it("knows loopback", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("10.0.0.1")).toBe(false);
  });
});
