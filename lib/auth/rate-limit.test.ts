import { describe, expect, it } from "vitest";
import { addressKey, LoginLimiter, type Verdict } from "./rate-limit";

const from = (address: string, user = "admin", device: string | null = null) => ({ user, address, device });
const ticket = (v: Verdict) => {
  if (!v.allowed) throw new Error("refused");
  return v.ticket;
};

describe("LoginLimiter", () => {
  it("records an attempt before its outcome: parallel attempts count one by one", () => {
    const l = new LoginLimiter({ maxFailures: 5, lockoutMs: 900_000 });
    const verdicts = Array.from({ length: 50 }, () => l.attempt(from("10.0.0.1"), 0));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(1); // the rest wait for the 1 s back-off
    expect(verdicts[1]).toMatchObject({ allowed: false, retryAfterMs: 1000, scope: "address" });
  });

  it("doubles the wait after each failure and locks out after maxFailures", () => {
    const l = new LoginLimiter({ maxFailures: 3, lockoutMs: 900_000 });
    let t = 0;
    expect(l.failed(ticket(l.attempt(from("10.0.0.1"), t)))).toEqual([]);
    t += 1000;
    expect(l.failed(ticket(l.attempt(from("10.0.0.1"), t)))).toEqual([]);
    expect(l.attempt(from("10.0.0.1"), t + 1000)).toMatchObject({ allowed: false, retryAfterMs: 1000 });
    t += 2000;
    expect(l.failed(ticket(l.attempt(from("10.0.0.1"), t)))).toEqual(["addr:10.0.0.1", "user:admin"]);
    expect(l.attempt(from("10.0.0.1"), t + 60_000)).toMatchObject({ allowed: false, retryAfterMs: 840_000, locked: true });
    expect(l.attempt(from("10.0.0.1"), t + 900_001).allowed).toBe(true);
  });

  it("a user's lockout holds only for addresses that failed, never for a fresh address", () => {
    const l = new LoginLimiter({ maxFailures: 3, lockoutMs: 900_000 });
    // Three attackers, one failure each: the user is locked out.
    const locked = ["10.0.0.1", "10.0.0.2", "10.0.0.3"].flatMap((a) => l.failed(ticket(l.attempt(from(a), 0))));
    expect(locked).toEqual(["user:admin"]);
    expect(l.attempt(from("10.0.0.1"), 5000)).toMatchObject({ allowed: false, locked: true, scope: "user" });
    // The owner, from an address that has not failed, gets a verdict on the password.
    const owner = ticket(l.attempt(from("192.168.1.5"), 5000));
    l.succeeded(owner);
    expect(l.attempt(from("192.168.1.5"), 5001).allowed).toBe(true);
  });

  it("a known device is counted apart: others' failures never lock it out", () => {
    const l = new LoginLimiter({ maxFailures: 2, lockoutMs: 900_000 });
    for (let t = 0; t < 10_000; t += 5000) l.failed(ticket(l.attempt(from("10.0.0.1"), t)));
    expect(l.attempt(from("10.0.0.1"), 10_000)).toMatchObject({ allowed: false, locked: true });
    expect(l.attempt(from("10.0.0.1", "admin", "dev1"), 10_000).allowed).toBe(true);
    // ...but guessing with a stolen device cookie is limited on that device.
    const l2 = new LoginLimiter({ maxFailures: 2, lockoutMs: 900_000 });
    l2.failed(ticket(l2.attempt(from("10.0.0.9", "admin", "dev2"), 0)));
    l2.failed(ticket(l2.attempt(from("10.0.0.9", "admin", "dev2"), 1000)));
    expect(l2.attempt(from("10.0.0.9", "admin", "dev2"), 5000)).toMatchObject({ allowed: false, locked: true, scope: "device" });
  });

  it("a right password takes its attempt back; failures are forgotten after the lockout period", () => {
    const l = new LoginLimiter({ maxFailures: 2, lockoutMs: 60_000 });
    const t1 = ticket(l.attempt(from("10.0.0.1"), 0));
    l.refund(t1);
    expect(l.attempt(from("10.0.0.1"), 1).allowed).toBe(true);
    expect(l.attempt(from("10.0.0.7"), 120_000).allowed).toBe(true);
  });

  it("stays bounded in memory", () => {
    const l = new LoginLimiter({ maxFailures: 5, lockoutMs: 900_000, maxEntries: 1000 });
    for (let i = 0; i < 5000; i++) l.attempt(from(`10.1.${i >> 8}.${i & 255}`, `u${i}`), 0);
    expect((l as unknown as { entries: Map<string, unknown> }).entries.size).toBeLessThanOrEqual(1000);
  });

  it("keys IPv6 addresses by their /64", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2::ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("10.0.0.1")).toBe("10.0.0.1");
  });
});
