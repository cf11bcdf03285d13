// Plain HTTP from tests, for what browsers and Playwright's request API will not send: any header,
// a chosen source address (127.0.0.x), a body streamed lazily, a response that may never come.
import { Agent, request, type IncomingHttpHeaders } from "node:http";

export type RawResponse = { status: number; headers: IncomingHttpHeaders; text: string; ms: number };
export type RawRequest = {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  localAddress?: string;
  timeoutMs?: number;
  agent?: false;
};

const agents = new Map<string, Agent>();
const agentFor = (local = "") => {
  if (!agents.has(local)) agents.set(local, new Agent({ keepAlive: true, maxSockets: 16 }));
  return agents.get(local)!;
};

/** One request; rejects if no complete answer arrives within timeoutMs (a hang is a failure). */
export function send(base: string, r: RawRequest): Promise<RawResponse> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${r.path}`,
      {
        method: r.method ?? "GET",
        headers: r.headers,
        localAddress: r.localAddress,
        agent: r.agent ?? agentFor(r.localAddress),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(r.timeoutMs ?? 30_000, () =>
      req.destroy(new Error(`no answer within ${r.timeoutMs ?? 30_000} ms: ${r.method ?? "GET"} ${r.path}`)),
    );
    req.on("error", reject);
    req.end(r.body);
  });
}

/**
 * Streams a body of `totalBytes` (chunked, generated as it goes, never held in memory) and stops
 * as soon as the response arrives. Returns the status and how many bytes had been written by then.
 */
export function streamBody(
  base: string,
  r: RawRequest & { totalBytes: number },
): Promise<{ status: number; text: string; written: number }> {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = request(
      `${base}${r.path}`,
      { method: r.method ?? "POST", headers: { ...r.headers, "transfer-encoding": "chunked" }, agent: false },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), written });
        });
        res.on("error", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), written }));
      },
    );
    req.setTimeout(r.timeoutMs ?? 60_000, () => req.destroy(new Error(`no answer to a streamed body: ${r.path}`)));
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    const pump = () => {
      while (!answered && written < r.totalBytes) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

export function closeAgents(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

/** Resident memory of a process, in bytes (Linux /proc). */
export async function rssOf(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const m = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}
