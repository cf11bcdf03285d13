import "server-only";
// The first thing every HTTP request meets: Host allowlist, Origin check on state-changing
// requests, and the request context headers Next code trusts (stripped from the client's request).
import type { IncomingMessage, ServerResponse } from "node:http";
import { TLSSocket } from "node:tls";
import { allowedHosts, clientInfo, hostAllowed, isLoopback, originAllowed } from "../auth/edge";
import { CTX, STRIPPED_HEADERS } from "../auth/context";
import { contentSecurityPolicy } from "./csp";
import { hasBody } from "./body-gate";
import { refuse } from "./refuse";

export type EdgeOptions = { origins: string[]; trustedProxies: string[]; tailscaleIdentity: boolean; dev: boolean };

export function createEdge(opts: EdgeOptions) {
  const hosts = allowedHosts(opts.origins);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!hostAllowed(req.headers.host, hosts)) {
      return refuse(res, 421, "bad_host", "This panel does not answer to that host name (see PUBLIC_ORIGINS).", hasBody(req));
    }
    const origin = typeof req.headers.origin === "string" ? req.headers.origin : undefined;
    if (!originAllowed(req.method ?? "GET", origin, req.headers.referer, opts.origins)) {
      return refuse(res, 403, "bad_origin", "Cross-origin request refused.", hasBody(req));
    }
    const info = clientInfo(req.socket.remoteAddress, req.headers, {
      trustedProxies: opts.trustedProxies,
      tailscaleIdentity: opts.tailscaleIdentity,
      secureSocket: req.socket instanceof TLSSocket,
    });
    for (const name of STRIPPED_HEADERS) delete req.headers[name];
    req.headers[CTX.client] = info.address;
    req.headers[CTX.https] = info.https ? "1" : "0";
    req.headers[CTX.directLoopback] = !info.viaProxy && isLoopback(info.address) ? "1" : "0";
    if (info.tailscaleLogin) req.headers[CTX.tailscaleLogin] = info.tailscaleLogin;
    const { policy } = contentSecurityPolicy(opts.dev);
    req.headers["content-security-policy"] = policy;
    res.setHeader("Content-Security-Policy", policy);
    return true;
  };
}
