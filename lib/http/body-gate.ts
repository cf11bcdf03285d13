// Request bodies are limited while they stream, before Next reads a byte of them. The body is
// held back from the request stream (the parser's pushes are caught) until it is complete and
// within the limit, then replayed to whoever reads the request (Next), so memory per request is
// bounded by the limit. Past the limit the answer is 413 at once (a Content-Length over it is
// refused before any byte is read), the rest of the body is discarded and the connection closed.
import type { IncomingMessage, ServerResponse } from "node:http";
import { refuse } from "./refuse";

export type BodyLimits = { bodyBytes: number; uploadBytes: number };

/** Pages whose forms upload files or pasted configurations (the inventory imports). */
export const UPLOAD_PATHS = ["/inventory/import"];

export function pathOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0];
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

export function bodyLimitFor(url: string | undefined, limits: BodyLimits): number {
  return UPLOAD_PATHS.includes(pathOf(url)) ? limits.uploadBytes : limits.bodyBytes;
}

/** Whether the request announces a body (a length above zero, or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}

export function tooLarge(res: ServerResponse, limit: number): void {
  refuse(res, 413, "too_large", `The request body is larger than ${limit} bytes.`, true);
}

type Push = IncomingMessage["push"];

/**
 * Resolves with the whole body once it has arrived (the request stream then replays it), or with
 * null when it was refused (413 sent) or the client went away. Call before anything reads `req`.
 */
export function gateBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | null> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && !/^\d{1,16}$/.test(declared)) {
    refuse(res, 400, "bad_request", "Content-Length is not a number.", true);
    return Promise.resolve(null);
  }
  if (declared !== undefined && Number(declared) > limit) {
    tooLarge(res, limit);
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const push: Push = req.push.bind(req);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const done = (body: Buffer | null) => {
      req.removeListener("close", onClose);
      resolve(body);
    };
    const onClose = () => {
      if (!refused) done(null);
    };
    req.once("close", onClose);
    req.push = ((chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk === null) {
        if (refused) return false;
        req.push = push;
        for (const c of chunks) push(c);
        push(null);
        done(Buffer.concat(chunks));
        return false;
      }
      if (refused) return true; // discarded until the connection closes
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), encoding);
      size += buf.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        tooLarge(res, limit);
        done(null);
        return true;
      }
      chunks.push(buf);
      return true;
    }) as Push;
  });
}
