// The one error shape ({ error: { code, message } }) written straight to a Node response, for
// refusals made in server.ts before Next runs. `close` ends the connection after the answer
// without losing it: a client still sending a body we will not read would otherwise get a TCP
// reset that can destroy the answer before it reads it (see lingerClose).
import type { ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

const LINGER_MS = 2000;

/**
 * Closes a connection without losing the answer: reading stops at once (the client's unread body
 * waits in kernel buffers, so it soon cannot send more and costs us nothing), the answer is sent
 * and our side half-closed (FIN); the socket is destroyed a little later, after the client has had
 * time to read the answer (destroying it at once would send a reset that can discard it).
 */
export function lingerClose(socket: Duplex | null): void {
  if (!socket || socket.destroyed) return;
  const s = socket as Duplex & { destroySoon?: () => void; _paused?: boolean };
  // Node's HTTP server keeps a socket with `_paused` stopped even when it drains the request
  // (its own flag for pipelining back-pressure; a plain pause() would be undone by that drain).
  s._paused = true;
  s.pause();
  s.destroySoon = () => {
    if (s.writable) s.end();
    const timer = setTimeout(() => s.destroy(), LINGER_MS);
    timer.unref();
    s.once("close", () => clearTimeout(timer));
  };
}

export function errorJson(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

export function refuse(res: ServerResponse, status: number, code: string, message: string, close = false): false {
  if (res.headersSent || res.writableEnded) {
    if (!res.writableEnded) res.destroy();
    return false;
  }
  const body = errorJson(code, message);
  if (close) lingerClose(res.socket);
  res.writeHead(status, {
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
    ...(close ? { connection: "close" } : {}),
  });
  res.end(body);
  return false;
}
