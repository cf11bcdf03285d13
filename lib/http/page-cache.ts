import "server-only";
// A render cache for the dashboard. GET / for a logged-in user is the same HTML until the
// inventory or a health result changes (both bump the version), so it is rendered once per
// (user, role, encoding, version) and replayed byte for byte, CSP nonce included: the cached
// page has no user-controlled markup, and every replay still checks the session first.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

type Entry = { version: number; at: number; headers: OutgoingHttpHeaders; body: Buffer };

const KEY = Symbol.for("homelab-panel.page-cache");
type Holder = { [KEY]?: PageCache };

export class PageCache {
  private version = 0;
  private entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 15_000,
    private readonly maxEntries = 100,
  ) {}

  invalidate(): void {
    this.version += 1;
    this.entries.clear();
  }

  /** Only full-page HTML loads of "/" (no RSC navigation, no query) are cached. */
  static cacheable(req: IncomingMessage): boolean {
    return (
      req.method === "GET" && req.url === "/" && !req.headers.rsc && !req.headers["next-router-state-tree"] && !req.headers["next-action"]
    );
  }

  key(req: IncomingMessage, user: { id: number; role: string }): string {
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    return `${user.id}|${user.role}|${gzip ? "gz" : "id"}`;
  }

  /** Replays a fresh entry; returns false on a miss. */
  replay(key: string, res: ServerResponse, now = Date.now()): boolean {
    const e = this.entries.get(key);
    if (!e || e.version !== this.version || now - e.at > this.ttlMs) return false;
    res.writeHead(200, { ...e.headers, "content-length": e.body.length, "x-panel-cache": "hit" });
    res.end(e.body);
    return true;
  }

  /** Records what Next writes to res, and keeps it when it is a plain 200 HTML page. */
  capture(key: string, res: ServerResponse): void {
    const version = this.version;
    const chunks: Buffer[] = [];
    const toBuffer = (chunk: unknown, enc?: unknown) =>
      Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, (typeof enc === "string" ? enc : "utf8") as BufferEncoding)
          : chunk instanceof Uint8Array
            ? Buffer.from(chunk)
            : null;
    const write = res.write.bind(res) as (...a: unknown[]) => boolean;
    const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      const b = toBuffer(chunk, rest[0]);
      if (b) chunks.push(b);
      return write(chunk, ...rest);
    }) as ServerResponse["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      const b = typeof chunk === "function" ? null : toBuffer(chunk, rest[0]);
      if (b) chunks.push(b);
      return end(chunk, ...rest);
    }) as ServerResponse["end"];
    res.once("finish", () => {
      const headers = res.getHeaders();
      const html = String(headers["content-type"] ?? "").startsWith("text/html");
      if (res.statusCode !== 200 || !html || headers["set-cookie"] || version !== this.version) return;
      delete headers["content-length"];
      delete headers["transfer-encoding"];
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { version, at: Date.now(), headers, body: Buffer.concat(chunks) });
    });
  }
}

export function pageCache(): PageCache {
  const holder = globalThis as Holder;
  holder[KEY] ??= new PageCache();
  return holder[KEY];
}
