// Load on GET / with autocannon's programmatic API, and a raw look at the response encoding.
import { request } from "node:http";
import autocannon from "autocannon";
import { round } from "./round";

export const BROWSER_ENCODING = "gzip, br";

/** The bench's logged-in session on the panel it started (set by startServer); sent to that origin only. */
export const session = { cookie: "", origin: "" };

/** Who asks: the bench's logged-in user, or a visitor without a session (any other origin always is one). */
export type Who = "session" | "anonymous";

export function sessionCookieFor(url: string, who: Who): string | null {
  return who === "session" && session.cookie && new URL(url).origin === session.origin ? session.cookie : null;
}

const withSession = (url: string, who: Who, h: Record<string, string>) => {
  const cookie = sessionCookieFor(url, who);
  return cookie ? { ...h, cookie } : h;
};

export type RawResponse = { status: number; encoding: string | null; bytes: number; body: Buffer };

/** One GET without automatic decompression: what actually goes over the wire. */
export function rawGet(url: string, acceptEncoding: string | null = BROWSER_ENCODING, who: Who = "session"): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = withSession(url, who, acceptEncoding ? { "accept-encoding": acceptEncoding } : {});
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        const encoding = res.headers["content-encoding"];
        resolve({ status: res.statusCode ?? 0, encoding: typeof encoding === "string" ? encoding : null, bytes: body.length, body });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: GET ${url}`)));
    req.end();
  });
}

export type LoadResult = {
  connections: number;
  durationS: number;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

export async function load(
  url: string,
  opts: { connections: number; durationS?: number; amount?: number; who?: Who },
): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections: opts.connections,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.durationS ?? 10 }),
    timeout: 30,
    headers: withSession(url, opts.who ?? "session", { "accept-encoding": BROWSER_ENCODING }),
  });
  return {
    connections: opts.connections,
    durationS: round(r.duration, 1),
    requests: r.requests.total,
    reqPerSec: round(r.requests.average, 1),
    p50Ms: r.latency.p50,
    p90Ms: r.latency.p90,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}
