import "server-only";
// Every HTTP request's way in, before Next: the edge checks (host, origin, context headers), a
// total check of the request path, the body gate (413 while streaming), the server action body
// check (400 instead of Next's 500), then the dashboard render cache (logged-in users and, with
// ANONYMOUS_DASHBOARD, visitors) or Next. All of it runs in the
// request's scope, so an exception that escapes anywhere still gets this request answered.
import type { IncomingMessage, ServerResponse } from "node:http";
import { readContext, tokenFromCookieHeader } from "../auth/context";
import { principalFor } from "../auth/principal";
import { badActionRequest, isActionRequest } from "./action-reply";
import { bodyLimitFor, gateBody, hasBody, type BodyLimits } from "./body-gate";
import { PageCache } from "./page-cache";
import { refuse } from "./refuse";
import { badRequestTarget } from "./request-target";
import { answerEscaped, inRequestScope } from "./request-scope";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<unknown> | unknown;

export type FrontDoorOptions = {
  edge: (req: IncomingMessage, res: ServerResponse) => boolean;
  limits: BodyLimits;
  cache: PageCache;
  /** ANONYMOUS_DASHBOARD: visitors without a session get the dashboard, so their page is cached too. */
  anonymousDashboard: boolean;
  handle: Handler;
  log: (message: string) => void;
};

export function createFrontDoor(o: FrontDoorOptions) {
  const fail = (res: ServerResponse) => (err: unknown) => {
    o.log(`request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    answerEscaped(res);
  };

  const toNext = async (req: IncomingMessage, res: ServerResponse): Promise<unknown> => {
    if (!PageCache.cacheable(req)) return o.handle(req, res);
    // The same rule as the page's own (session, else a trusted Tailscale login), read from the
    // headers the edge has just set; a failed lookup renders uncached.
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === "string" ? value : null;
    };
    const tailscaleLogin = () => readContext(header).tailscaleLogin;
    const user = await principalFor(tokenFromCookieHeader(req.headers.cookie), tailscaleLogin).catch(() => undefined);
    if (user === undefined || (user === null && !o.anonymousDashboard)) return o.handle(req, res);
    const key = o.cache.key(req, user);
    if (o.cache.replay(key, res)) return;
    await o.cache.rendered(key);
    if (o.cache.replay(key, res)) return;
    o.cache.capture(key, res);
    return o.handle(req, res);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<unknown> => {
    const badTarget = badRequestTarget(req.url);
    if (badTarget) return refuse(res, 400, "bad_request", badTarget, hasBody(req));
    if (!o.edge(req, res)) return;
    const body = hasBody(req) ? await gateBody(req, res, bodyLimitFor(req.url, o.limits)) : Buffer.alloc(0);
    if (body === null) return;
    if (isActionRequest(req.method, req.headers)) {
      const bad = await badActionRequest(req.headers, body);
      if (bad) return refuse(res, 400, "bad_request", `Malformed server action request: ${bad}.`);
    }
    return toNext(req, res);
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    inRequestScope(req, res, () => {
      try {
        Promise.resolve(serve(req, res)).catch(fail(res));
      } catch (err) {
        fail(res)(err);
      }
    });
  };
}
