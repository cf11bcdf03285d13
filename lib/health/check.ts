// One health check: an HTTP request or a TCP connect, measured, never throwing.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect, isIP } from "node:net";
import { ForbiddenAddressError, guardedLookup, type AddressGuard } from "./guarded-lookup";
import type { HealthResult, HealthTarget } from "./types";

/** `guard`: addresses a check may connect to (names are checked after they resolve). */
export type CheckOptions = { timeoutMs: number; slowMs: number; guard?: AddressGuard };

function result(status: HealthResult["status"], latencyMs: number | null, detail: string): HealthResult {
  return { status, latencyMs, detail, checkedAt: new Date().toISOString() };
}

function describe(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "host unreachable";
    case "ECONNRESET":
      return "connection reset";
    case "EFORBIDDEN":
      return `refused: ${err.message}`;
    default:
      return err.code ? `${err.code.toLowerCase()}` : err.message;
  }
}

function grade(latencyMs: number, opts: CheckOptions): HealthResult["status"] {
  return latencyMs > opts.slowMs ? "slow" : "up";
}

export function checkHttp(url: string, opts: CheckOptions): Promise<HealthResult> {
  return new Promise((done) => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const make = url.startsWith("https:") ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (r: HealthResult) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        done(r);
      }
    };
    const req = make(
      url,
      {
        method: "GET",
        ...(opts.guard ? { lookup: guardedLookup(opts.guard) } : {}),
        headers: { "user-agent": "homelab-panel-health/1", accept: "*/*" },
      },
      (res) => {
        const ms = elapsed();
        res.resume();
        res.destroy();
        const code = res.statusCode ?? 0;
        finish(code >= 500 ? result("down", ms, `HTTP ${code}`) : result(grade(ms, opts), ms, `HTTP ${code}`));
      },
    );
    const timer = setTimeout(() => {
      finish(result("down", null, `timed out after ${opts.timeoutMs} ms`));
      req.destroy();
    }, opts.timeoutMs);
    req.on("error", (err) => finish(result("down", null, describe(err))));
    req.end();
  });
}

export function checkTcp(host: string, port: number, opts: CheckOptions): Promise<HealthResult> {
  return new Promise((done) => {
    const started = performance.now();
    const socket = connect({ host, port, ...(opts.guard ? { lookup: guardedLookup(opts.guard) } : {}) });
    let settled = false;
    const finish = (r: HealthResult) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        done(r);
      }
    };
    const timer = setTimeout(() => finish(result("down", null, `timed out after ${opts.timeoutMs} ms`)), opts.timeoutMs);
    socket.once("connect", () => {
      const ms = Math.round(performance.now() - started);
      finish(result(grade(ms, opts), ms, `port ${port} open`));
    });
    socket.once("error", (err) => finish(result("down", null, describe(err))));
  });
}

/** An IP literal is connected to without a lookup: the guard sees it here instead. */
function forbiddenLiteral(target: HealthTarget, opts: CheckOptions): HealthResult | null {
  const host = (target.kind === "tcp" ? target.host : new URL(target.url).hostname).replace(/^\[|\]$/g, "");
  if (!opts.guard || !isIP(host) || opts.guard(host, host)) return null;
  return result("unknown", null, `refused: ${new ForbiddenAddressError(host, host).message}`);
}

export async function runCheck(target: HealthTarget, opts: CheckOptions): Promise<HealthResult> {
  try {
    const refused = forbiddenLiteral(target, opts);
    if (refused) return refused;
    return await (target.kind === "http" ? checkHttp(target.url, opts) : checkTcp(target.host, target.port, opts));
  } catch (err) {
    // A malformed target (bad URL, port out of range) throws synchronously in request/connect.
    return result("down", null, `invalid target: ${err instanceof Error ? err.message : String(err)}`);
  }
}
