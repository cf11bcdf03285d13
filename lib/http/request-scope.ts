// Each request runs in an AsyncLocalStorage scope holding its response. An exception that still
// escapes every handler (a throw in a callback, an unhandled rejection) is logged by the
// process-level handlers and, when it happened inside a request, that request is still answered:
// a 500 in the one error shape (or, once headers went out, the connection is closed), never a hang.
import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, ServerResponse } from "node:http";
import { refuse } from "./refuse";

type Scope = { req: IncomingMessage; res: ServerResponse };
const KEY = Symbol.for("homelab-panel.request-scope");
type Holder = { [KEY]?: AsyncLocalStorage<Scope> };
const holder = globalThis as Holder;
const storage = (holder[KEY] ??= new AsyncLocalStorage<Scope>());

export function inRequestScope<T>(req: IncomingMessage, res: ServerResponse, fn: () => T): T {
  return storage.run({ req, res }, fn);
}

/** Answers a request whose handling failed with an exception nothing else caught. */
export function answerEscaped(res: ServerResponse): void {
  if (res.writableEnded) return;
  if (res.headersSent) res.destroy();
  else refuse(res, 500, "internal", "Something went wrong on the server.", true);
}

/** Installs the process-level handlers once: log, then answer the request the error came from. */
export function catchEscapedErrors(log: (message: string) => void): void {
  const onEscape = (kind: string) => (err: unknown) => {
    const scope = storage.getStore();
    const where = scope ? ` during ${scope.req.method} ${String(scope.req.url).slice(0, 200)}` : "";
    log(`${kind}${where}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    if (scope) answerEscaped(scope.res);
  };
  process.on("uncaughtException", onEscape("uncaught exception"));
  process.on("unhandledRejection", onEscape("unhandled rejection"));
}
