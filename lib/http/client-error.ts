// Requests Node's HTTP parser cannot read (headers over 16 KiB, a broken request line, bad
// chunking) never reach a handler: Node answers them itself and resets the connection, which can
// lose the answer. Here they get the one error shape, and a closing that does not lose it.
import type { Duplex } from "node:stream";
import { errorJson, lingerClose } from "./refuse";

const ANSWERS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, "headers_too_large", "The request headers are too large."],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, "too_large", "The request body is malformed or too large."],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "timeout", "The request took too long."],
};

// The parser reports the same error again for every further chunk: answer once, then ignore.
const answered = new WeakSet<Duplex>();

export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (answered.has(socket)) return;
  answered.add(socket);
  if (err.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  const [status, code, message] = ANSWERS[err.code ?? ""] ?? [400, "bad_request", "The request is malformed."];
  const body = errorJson(code, message);
  const s = socket as Duplex & { destroySoon?: () => void };
  lingerClose(socket);
  socket.write(
    `HTTP/1.1 ${status} ${code}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  s.destroySoon?.();
}
