// The one error shape ({ error: { code, message } }) written straight to a Node response, for
// refusals made in server.ts before Next runs. `close` ends the connection after the answer (a
// client still sending a body we will not read gets no further bytes accepted).
import type { ServerResponse } from "node:http";

export function refuse(res: ServerResponse, status: number, code: string, message: string, close = false): false {
  if (res.headersSent || res.writableEnded) {
    if (!res.writableEnded) res.destroy();
    return false;
  }
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, {
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
    ...(close ? { connection: "close" } : {}),
  });
  res.end(body);
  return false;
}
