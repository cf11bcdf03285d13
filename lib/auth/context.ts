// Request facts that server.ts establishes (and strips from incoming requests) before Next runs.
export const CTX = {
  client: "x-panel-client",
  https: "x-panel-https",
  directLoopback: "x-panel-direct-loopback",
  tailscaleLogin: "x-panel-tailscale-login",
} as const;

export const STRIPPED_HEADERS = [...Object.values(CTX), "tailscale-user-login"];

export type RequestContext = { address: string; https: boolean; directLoopback: boolean; tailscaleLogin: string | null };

export function readContext(get: (name: string) => string | null | undefined): RequestContext {
  return {
    address: get(CTX.client) ?? "",
    https: get(CTX.https) === "1",
    directLoopback: get(CTX.directLoopback) === "1",
    tailscaleLogin: get(CTX.tailscaleLogin) || null,
  };
}

export const SESSION_COOKIE = "panel_session";
export const SECURE_SESSION_COOKIE = "__Host-panel_session";

export function sessionCookieName(https: boolean): string {
  return https ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** Percent-decoding that never throws: malformed input (e.g. "%E0%A4%A") gives null. */
export function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

const MAX_COOKIE_PARTS = 200;

/**
 * The session token from a Cookie header (either cookie name). Total: a malformed, huge or
 * crowded header is "no session", never an exception (Node already caps headers at 16 KiB).
 */
export function tokenFromCookieHeader(header: string | undefined): string | null {
  if (typeof header !== "string" || header === "") return null;
  const parts = header.split(";", MAX_COOKIE_PARTS);
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    if (k !== SECURE_SESSION_COOKIE && k !== SESSION_COOKIE) continue;
    const token = safeDecode(part.slice(eq + 1).trim());
    return token && /^[\w-]{1,100}$/.test(token) ? token : null;
  }
  return null;
}
