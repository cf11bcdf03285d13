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

/** The session token from a Cookie header (either cookie name). */
export function tokenFromCookieHeader(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === SECURE_SESSION_COOKIE || k === SESSION_COOKIE) return decodeURIComponent(v.join("="));
  }
  return null;
}
