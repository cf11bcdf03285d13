import "server-only";
// Password (+ optional TOTP) login with per-user and per-address throttling, all audited.
import { DomainError } from "../errors";
import { findUserForLogin } from "../db/users";
import { audit } from "./audit";
import { loginLimiter } from "./limiter";
import { dummyHash, verifyPassword } from "./password";
import { isRole, type Principal } from "./permissions";
import { createSession } from "./session";
import { verifyTotp } from "./totp";

export class LoginError extends DomainError {
  constructor(code: "invalid_credentials" | "totp_required" | "rate_limited", message: string, public readonly retryAfterMs = 0) {
    super(code, message);
  }
}

export type LoginInput = { name: string; password: string; totp?: string };

export async function login(input: LoginInput, address: string, userAgent: string) {
  const limiter = loginLimiter();
  const keys = [`user:${input.name}`, `addr:${address}`];
  const verdict = limiter.check(keys);
  if (!verdict.allowed) {
    await audit({ name: input.name }, address, "login", "denied", input.name, verdict.locked ? "locked out" : "throttled");
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw new LoginError("rate_limited", `Too many failed attempts. Try again in ${seconds} s.`, verdict.retryAfterMs);
  }
  const user = await findUserForLogin(input.name);
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !passwordOk || !isRole(user.role)) {
    const locked = limiter.fail(keys);
    await audit({ name: input.name }, address, "login", "failed", input.name, "wrong name or password");
    for (const key of locked) await audit({ name: input.name }, address, "login.lockout", "denied", key, "too many failures");
    throw new LoginError("invalid_credentials", "Wrong user name or password.");
  }
  if (user.totpEnabled && user.totpSecret) {
    if (!input.totp) throw new LoginError("totp_required", "Enter the 6-digit code from your authenticator app.");
    if (!verifyTotp(user.totpSecret, input.totp)) {
      limiter.fail(keys);
      await audit(user, address, "login", "failed", user.name, "wrong TOTP code");
      throw new LoginError("invalid_credentials", "Wrong authenticator code.");
    }
  }
  limiter.succeed(keys);
  const principal: Principal = { id: user.id, name: user.name, role: user.role };
  const session = await createSession(user.id, address, userAgent);
  await audit(principal, address, "login", "ok", user.name);
  return { principal, ...session };
}
