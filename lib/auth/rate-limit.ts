// Login throttling per user name and per address: each failure doubles the wait before the
// next attempt (1 s, 2 s, 4 s, ... up to 60 s); after maxFailures the key is locked out.

type Entry = { failures: number; nextAllowedAt: number; lockedUntil: number };

export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number; locked: boolean };

export type LimiterOptions = { maxFailures: number; lockoutMs: number; baseDelayMs?: number; maxDelayMs?: number };

export class LoginLimiter {
  private entries = new Map<string, Entry>();

  constructor(private readonly opts: LimiterOptions) {}

  check(keys: string[], now = Date.now()): Verdict {
    let wait = 0;
    let locked = false;
    for (const key of keys) {
      const e = this.entries.get(key);
      if (!e) continue;
      if (e.lockedUntil > now) {
        locked = true;
        wait = Math.max(wait, e.lockedUntil - now);
      } else if (e.nextAllowedAt > now) {
        wait = Math.max(wait, e.nextAllowedAt - now);
      }
    }
    return wait > 0 ? { allowed: false, retryAfterMs: wait, locked } : { allowed: true };
  }

  /** Records a failure; returns the keys that became locked out by it. */
  fail(keys: string[], now = Date.now()): string[] {
    const base = this.opts.baseDelayMs ?? 1000;
    const max = this.opts.maxDelayMs ?? 60_000;
    const newlyLocked: string[] = [];
    for (const key of keys) {
      const e = this.entries.get(key) ?? { failures: 0, nextAllowedAt: 0, lockedUntil: 0 };
      if (e.lockedUntil && e.lockedUntil <= now) e.failures = 0;
      e.failures += 1;
      e.nextAllowedAt = now + Math.min(base * 2 ** (e.failures - 1), max);
      if (e.failures >= this.opts.maxFailures && e.lockedUntil <= now) {
        e.lockedUntil = now + this.opts.lockoutMs;
        newlyLocked.push(key);
      }
      this.entries.set(key, e);
    }
    if (this.entries.size > 10_000) this.prune(now);
    return newlyLocked;
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.entries.delete(key);
  }

  private prune(now: number): void {
    for (const [key, e] of this.entries) {
      if (e.lockedUntil <= now && e.nextAllowedAt <= now) this.entries.delete(key);
    }
  }
}
