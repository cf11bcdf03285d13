import "server-only";
// The process's login limiter, on globalThis (Next's bundle and server.ts share it).
import { env } from "../env";
import { LoginLimiter } from "./rate-limit";

const KEY = Symbol.for("homelab-panel.login-limiter");
type Holder = { [KEY]?: LoginLimiter };
const holder = globalThis as Holder;

export function loginLimiter(): LoginLimiter {
  holder[KEY] ??= new LoginLimiter({ maxFailures: env().LOGIN_MAX_FAILURES, lockoutMs: env().LOGIN_LOCKOUT_SECONDS * 1000 });
  return holder[KEY];
}
