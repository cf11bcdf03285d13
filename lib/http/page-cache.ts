import "server-only";
// A render cache for the dashboard. GET / is the same HTML until the inventory or a health result
// changes (both bump the version), so it is rendered once per (user and role, or anonymous;
// encoding; version) and replayed byte for byte, CSP nonce included: the cached page has no
// user-controlled markup, and every replay still resolves the session first. Requests that miss
// while the same page is being rendered wait for that render instead of starting their own.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { OUTSIDE_CHANGE_MS } from "../dashboard/freshness";

type Entry = { version: number; at: number; headers: OutgoingHttpHeaders; body: Buffer };

const KEY = Symbol.for("homelab-panel.page-cache");
type Holder = { [KEY]?: PageCache };

export class PageCache {
  private version = 0;
  private entries = new Map<string, Entry>();
  private rendering = new Map<string, Promise<void>>();

  constructor(
    private readonly ttlMs = OUTSIDE_CHANGE_MS,
    private readonly maxEntries = 100,
  ) {}

  invalidate(): void {
    this.version += 1;
    this.entries.clear();
    this.rendering.clear();
  }

  /** Only full-page HTML loads of "/" (no RSC navigation, no query) are cached. */
  static cacheable(req: IncomingMessage): boolean {
    return (
      req.method === "GET" && req.url === "/" && !req.headers.rsc && !req.headers["next-router-state-tree"] && !req.headers["next-action"]
    );
  }

  /** `user` null: an anonymous visitor (only where ANONYMOUS_DASHBOARD shows them the page). */
  key(req: IncomingMessage, user: { id: number; role: string } | null): string {
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    return `${user ? `${user.id}|${user.role}` : "anonymous"}|${gzip ? "gz" : "id"}`;
  }

  /**
   * Settles when a render of this key that is under way has ended (at once when none is), or after
   * `maxWaitMs`: a client that does not read its answer can hold a render up, never the others.
   */
  rendered(key: string, maxWaitMs = 1000): Promise<void> {
    const pending = this.rendering.get(key);
    if (!pending) return Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)));
    return Promise.race([pending, waited]).finally(() => clearTimeout(timer));
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
    let done = () => {};
    if (!this.rendering.has(key)) {
      const settled = new Promise<void>((resolve) => (done = resolve));
      this.rendering.set(key, settled);
      void settled.then(() => {
        if (this.rendering.get(key) === settled) this.rendering.delete(key);
      });
    }
    res.once("close", () => done());
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
      if (res.statusCode === 200 && html && !headers["set-cookie"] && version === this.version) {
        delete headers["content-length"];
        delete headers["transfer-encoding"];
        if (this.entries.size >= this.maxEntries) this.entries.clear();
        this.entries.set(key, { version, at: Date.now(), headers, body: Buffer.concat(chunks) });
      }
      done();
    });
  }
}

export function pageCache(): PageCache {
  const holder = globalThis as Holder;
  holder[KEY] ??= new PageCache();
  return holder[KEY];
}
