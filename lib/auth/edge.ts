// Checks made by server.ts on every request before Next or socket.io see it: the Host allowlist
// (DNS rebinding), Origin for state-changing requests (CSRF / cross-site WebSocket hijacking), and
// the client's address as told by a trusted proxy. Pure functions, tested directly.
import { isIP } from "node:net";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function allowedHosts(origins: string[]): Set<string> {
  return new Set(origins.map((o) => new URL(o).host.toLowerCase()));
}

export function hostAllowed(host: string | undefined, hosts: Set<string>): boolean {
  return !!host && hosts.has(host.toLowerCase());
}

/** Origin (or, failing that, Referer) must be one of the public origins for non-safe methods. */
export function originAllowed(method: string, origin: string | undefined, referer: string | undefined, origins: string[]): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  return sourceOrigin(origin, referer) !== null && origins.includes(sourceOrigin(origin, referer)!);
}

export function sourceOrigin(origin: string | undefined, referer: string | undefined): string | null {
  if (origin && origin !== "null") return origin.toLowerCase();
  if (referer) {
    try {
      return new URL(referer).origin.toLowerCase();
    } catch {
      return null;
    }
  }
  return null;
}

function normalizeIp(ip: string): string {
  return ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

export type ClientInfo = { address: string; viaProxy: boolean; https: boolean; tailscaleLogin: string | null };

/** Who is asking: the socket's peer, or the last X-Forwarded-For hop when the peer is a trusted proxy. */
export function clientInfo(
  remoteAddress: string | undefined,
  headers: Record<string, string | string[] | undefined>,
  opts: { trustedProxies: string[]; tailscaleIdentity: boolean; secureSocket: boolean },
): ClientInfo {
  const peer = normalizeIp(remoteAddress ?? "");
  const trusted = opts.trustedProxies.map(normalizeIp).includes(peer);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const xff = first(headers["x-forwarded-for"]);
  const forwarded =
    trusted && xff
      ? normalizeIp(
          xff
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
            .at(-1) ?? peer,
        )
      : peer;
  const login = first(headers["tailscale-user-login"]);
  return {
    address: forwarded,
    viaProxy: trusted && !!xff,
    https: opts.secureSocket || (trusted && first(headers["x-forwarded-proto"]) === "https"),
    tailscaleLogin: trusted && opts.tailscaleIdentity && login ? login.trim().slice(0, 200) : null,
  };
}

export function isLoopback(address: string): boolean {
  return address === "::1" || /^127\./.test(address);
}
