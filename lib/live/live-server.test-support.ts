// Test support: a real HTTP server with real socket.io and the real socket auth,
// a real user with a real session, and socket.io-client connections that carry its cookie.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { createSession } from "../auth/session";
import { SESSION_COOKIE } from "../auth/context";
import type { Db } from "../db/client";
import type { Role } from "../validation/roles";
import { attachSocketAuth } from "./auth";

export type LiveServer = {
  io: Server;
  url: string;
  /** A connected client logged in with `role` (a fresh user per role). */
  client(role?: Role): Promise<ClientSocket>;
  close(): Promise<void>;
};

export async function startLiveServer(db: Db, attach: (io: Server) => void): Promise<LiveServer> {
  const http: HttpServer = createServer();
  // A long ping timeout: the slow-client test stops reading its connection on purpose and must
  // see the back-pressure path, not the heartbeat's disconnect.
  const io = new Server(http, { serveClient: false, pingTimeout: 120_000 });
  attachSocketAuth(io);
  attach(io);
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const cookies = new Map<Role, Promise<string>>();
  const clients: ClientSocket[] = [];
  const login = async (role: Role) => {
    const user = await db.user.create({ data: { name: `${role}-${Date.now()}`, passwordHash: "x", role } });
    const { token } = await createSession(user.id, "127.0.0.1", "vitest");
    return `${SESSION_COOKIE}=${encodeURIComponent(token)}`;
  };
  const cookieFor = (role: Role) => {
    if (!cookies.has(role)) cookies.set(role, login(role));
    return cookies.get(role)!;
  };
  return {
    io,
    url,
    async client(role: Role = "viewer") {
      const s = connect(url, {
        transports: ["websocket"],
        extraHeaders: { cookie: await cookieFor(role) },
        reconnection: false,
        forceNew: true,
      });
      clients.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once("connect", () => resolve());
        s.once("connect_error", reject);
      });
      return s;
    },
    async close() {
      for (const c of clients) c.close();
      const closed = new Promise<void>((r) => io.close(() => r()));
      http.closeAllConnections(); // keep-alive connections would hold close() for minutes
      await closed;
    },
  };
}

/** Emits with an ack and resolves with the answer. */
export function request<T = Record<string, unknown>>(s: ClientSocket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve) => s.emit(event, payload, (r: T) => resolve(r)));
}
