import "server-only";
// socket.io handshake: Host and Origin checked, session cookie (or trusted Tailscale identity)
// resolved; a refused socket gets nothing. Sessions are re-checked so a logout ends its sockets.
import type { IncomingMessage } from "node:http";
import type { Server, Socket } from "socket.io";
import { env, trustedProxies } from "../env";
import { clientInfo, hostAllowed } from "../auth/edge";
import { tokenFromCookieHeader } from "../auth/context";
import { can, type Permission, type Principal } from "../auth/permissions";
import { principalFor } from "../auth/principal";
import { resolveSession } from "../auth/session";

export type SocketData = { user: Principal; address: string; token: string | null };

export function handshakeAllowed(req: IncomingMessage, origins: string[], hosts: Set<string>): boolean {
  if (!hostAllowed(req.headers.host, hosts)) return false;
  const origin = req.headers.origin;
  // Browsers always send Origin cross-site and on WebSocket upgrades; same-origin polling may omit it.
  return origin === undefined || origins.includes(origin.toLowerCase());
}

async function whoIs(req: IncomingMessage, token: string | null): Promise<{ user: Principal; address: string }> {
  const info = clientInfo(req.socket.remoteAddress, req.headers, {
    trustedProxies: trustedProxies(),
    tailscaleIdentity: env().TAILSCALE_IDENTITY,
    secureSocket: false,
  });
  return { user: await principalFor(token, () => info.tailscaleLogin), address: info.address };
}

/** Host and Origin are checked earlier, by the engine's allowRequest (handshakeAllowed). */
export function attachSocketAuth(io: Server, recheckMs = 30_000): void {
  io.use(async (socket, next) => {
    // Total: whatever the headers hold, the handshake ends with connect or connect_error.
    try {
      const req = socket.request;
      const token = tokenFromCookieHeader(req.headers.cookie);
      const { user, address } = await whoIs(req, token);
      if (!user && !env().ANONYMOUS_DASHBOARD) return next(new Error("unauthorized"));
      socket.data = { user, address, token } satisfies SocketData;
      next();
    } catch (err) {
      console.error("[panel] socket handshake failed:", err instanceof Error ? err.message : err);
      next(new Error("unauthorized"));
    }
  });
  const timer = setInterval(async () => {
    for (const socket of io.sockets.sockets.values()) {
      const data = socket.data as SocketData;
      const live = data.token ? await resolveSession(data.token).catch(() => true) : true;
      if (!live) socket.disconnect(true);
    }
  }, recheckMs);
  timer.unref();
}

/** Checks a subscription against the socket's user; emits an error event when refused. */
export function allowed(socket: Socket, permission: Permission): boolean {
  const { user } = socket.data as SocketData;
  if (can(user, permission, { anonymousDashboard: env().ANONYMOUS_DASHBOARD })) return true;
  socket.emit("app:error", { error: { code: user ? "forbidden" : "unauthorized", message: "Not allowed." } });
  return false;
}
