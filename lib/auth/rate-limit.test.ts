import { describe, expect, it } from "vitest";
import { LoginLimiter } from "./rate-limit";

describe("LoginLimiter", () => {
  const keys = ["user:alice", "addr:10.0.0.1"];

  it("doubles the wait after each failure", () => {
    const l = new LoginLimiter({ maxFailures: 10, lockoutMs: 60_000 });
    let t = 0;
    expect(l.check(keys, t)).toEqual({ allowed: true });
    l.fail(keys, t);
    expect(l.check(keys, t)).toEqual({ allowed: false, retryAfterMs: 1000, locked: false });
    t += 1000;
    expect(l.check(keys, t).allowed).toBe(true);
    l.fail(keys, t);
    expect(l.check(keys, t)).toMatchObject({ retryAfterMs: 2000 });
    t += 2000;
    l.fail(keys, t);
    expect(l.check(keys, t)).toMatchObject({ retryAfterMs: 4000 });
  });

  it("locks out after maxFailures and reports the newly locked keys once", () => {
    const l = new LoginLimiter({ maxFailures: 3, lockoutMs: 900_000 });
    let t = 0;
    expect(l.fail(keys, t)).toEqual([]);
    t += 10_000;
    expect(l.fail(keys, t)).toEqual([]);
    t += 10_000;
    expect(l.fail(keys, t)).toEqual(keys);
    expect(l.check(keys, t + 60_000)).toEqual({ allowed: false, retryAfterMs: 840_000, locked: true });
    expect(l.check(keys, t + 900_001).allowed).toBe(true);
  });

  it("throttles a user from every address, and an address for every user", () => {
    const l = new LoginLimiter({ maxFailures: 10, lockoutMs: 1000 });
    l.fail(["user:bob", "addr:1.1.1.1"], 0);
    expect(l.check(["user:bob", "addr:2.2.2.2"], 10).allowed).toBe(false);
    expect(l.check(["user:carol", "addr:1.1.1.1"], 10).allowed).toBe(false);
    expect(l.check(["user:carol", "addr:2.2.2.2"], 10).allowed).toBe(true);
  });

  it("a success clears the record", () => {
    const l = new LoginLimiter({ maxFailures: 10, lockoutMs: 1000 });
    l.fail(keys, 0);
    l.succeed(keys);
    expect(l.check(keys, 1).allowed).toBe(true);
  });
});
