// Login throttling that cannot be raced and cannot be turned against the owner.
//
// `attempt` decides and records in one synchronous step, before the password hash runs: an
// attempt counts as a failure from the moment it is let through, and is taken back only when the
// password turns out right. N parallel attempts therefore count as N.
//
// Who is limited (see README, Security):
// - every address (an IPv6 address by its /64): each failure doubles the wait before its next
//   attempt (1 s, 2 s, 4 s, ... up to 60 s); after maxFailures it is locked out;
// - every user name, but only for addresses that have failed themselves (in the current window):
//   a locked-out user can still log in from an address that has not failed;
// - a known device (a signed cookie from an earlier login of that user) is counted on its own,
//   apart from its address and the user name, so it is never locked out by others' failures.
import { isIP } from "node:net";

type Entry = { failures: number; nextAllowedAt: number; lockedUntil: number; lastFailureAt: number };

export type LimiterOptions = { maxFailures: number; lockoutMs: number; baseDelayMs?: number; maxDelayMs?: number; maxEntries?: number };
export type AttemptKeys = { user: string; address: string; device: string | null };
export type Ticket = { keys: string[]; locked: string[] };
export type Verdict =
  { allowed: true; ticket: Ticket } | { allowed: false; retryAfterMs: number; locked: boolean; scope: "address" | "user" | "device" };

/** The address a limit applies to: IPv4 as it is, IPv6 by its /64 (one host usually owns a /64). */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address.slice(0, 100);
  const [head, tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

export class LoginLimiter {
  private entries = new Map<string, Entry>();

  constructor(private readonly opts: LimiterOptions) {}

  /** Decides whether this attempt may check a password and, if so, records it as a failure. */
  attempt(a: AttemptKeys, now = Date.now()): Verdict {
    const deviceKey = a.device ? `device:${a.device}` : null;
    const addrKey = `addr:${addressKey(a.address)}`;
    const userKey = `user:${a.user.toLowerCase().slice(0, 100)}`;
    const checks: [string, "address" | "user" | "device"][] = deviceKey
      ? [[deviceKey, "device"]]
      : [[addrKey, "address"], ...(this.active(addrKey, now) ? [[userKey, "user"] as [string, "user"]] : [])];
    for (const [key, scope] of checks) {
      const e = this.active(key, now);
      if (!e) continue;
      if (e.lockedUntil > now) return { allowed: false, retryAfterMs: e.lockedUntil - now, locked: true, scope };
      if (e.nextAllowedAt > now) return { allowed: false, retryAfterMs: e.nextAllowedAt - now, locked: false, scope };
    }
    const keys = deviceKey ? [deviceKey] : [addrKey, userKey];
    return { allowed: true, ticket: { keys, locked: keys.filter((k) => this.record(k, now)) } };
  }

  /** The attempt failed: its record stays. Returns the keys it locked out (to audit). */
  failed(ticket: Ticket): string[] {
    return ticket.locked;
  }

  /** The password was right (a second factor may still be missing): the attempt is taken back. */
  refund(ticket: Ticket): void {
    for (const key of ticket.keys) {
      const e = this.entries.get(key);
      if (!e) continue;
      e.failures = Math.max(0, e.failures - 1);
      if (ticket.locked.includes(key)) e.lockedUntil = 0;
      if (e.failures === 0) this.entries.delete(key);
    }
  }

  /** A successful login: the attempt is taken back and its address (or device) starts afresh. */
  succeeded(ticket: Ticket): void {
    this.refund(ticket);
    for (const key of ticket.keys) if (!key.startsWith("user:")) this.entries.delete(key);
  }

  /** The entry while it still counts: locked, waiting, or failed within the last lockout period. */
  private active(key: string, now: number): Entry | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.lockedUntil > now || e.nextAllowedAt > now || now - e.lastFailureAt < this.opts.lockoutMs) return e;
    this.entries.delete(key);
    return null;
  }

  /** Records one failure; true when it locked the key out. */
  private record(key: string, now: number): boolean {
    const base = this.opts.baseDelayMs ?? 1000;
    const max = this.opts.maxDelayMs ?? 60_000;
    const e = this.active(key, now) ?? { failures: 0, nextAllowedAt: 0, lockedUntil: 0, lastFailureAt: 0 };
    if (e.lockedUntil && e.lockedUntil <= now) Object.assign(e, { failures: 0, lockedUntil: 0 });
    e.failures += 1;
    e.lastFailureAt = now;
    e.nextAllowedAt = now + Math.min(base * 2 ** (e.failures - 1), max);
    let locked = false;
    if (e.failures >= this.opts.maxFailures && e.lockedUntil <= now) {
      e.lockedUntil = now + this.opts.lockoutMs;
      locked = true;
    }
    this.entries.delete(key);
    this.entries.set(key, e); // Map order = least recently failed first
    this.bound(now);
    return locked;
  }

  /** Memory stays bounded whatever the number of addresses and names: oldest entries go first. */
  private bound(now: number): void {
    const max = this.opts.maxEntries ?? 50_000;
    if (this.entries.size <= max) return;
    for (const key of this.entries.keys()) this.active(key, now);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= max * 0.9) break;
      this.entries.delete(key);
    }
  }
}
