import "server-only";
// Password (+ optional TOTP) login. The throttle (lib/auth/rate-limit.ts) decides and records each
// attempt before the password hash runs; failures, refusals and lockouts are audited with the
// attempted name as the target, never as "who" (a stranger is anonymous).
import { DomainError } from "../errors";
import { findUserForLogin } from "../db/users";
import { audit } from "./audit";
import { issueDevice, knownDevice } from "./device";
import { loginLimiter } from "./limiter";
import { dummyHash, verifyPassword } from "./password";
import { isRole, type Principal } from "./permissions";
import type { Verdict } from "./rate-limit";
import { createSession } from "./session";
import { verifyTotp } from "./totp";

export class LoginError extends DomainError {
  constructor(
    code: "invalid_credentials" | "totp_required" | "rate_limited",
    message: string,
    public readonly retryAfterMs = 0,
  ) {
    super(code, message);
  }
}

export type LoginInput = { name: string; password: string; totp?: string };
export type LoginClient = { address: string; userAgent: string; deviceCookie?: string };

const REFUSED: Record<Extract<Verdict, { allowed: false }>["scope"], string> = {
  address: "this address failed too often",
  user: "this user failed too often from this address",
  device: "this device failed too often",
};

function lockoutTarget(key: string): string {
  return key.startsWith("device:") ? "a known device" : key.replace(/^addr:/, "address ").replace(/^user:/, "user ");
}

export async function login(input: LoginInput, client: LoginClient) {
  const { address } = client;
  const user = await findUserForLogin(input.name);
  const device = user ? await knownDevice(client.deviceCookie, user.id) : null;
  // Decided and recorded in one synchronous step: parallel attempts cannot slip past it.
  const verdict = loginLimiter().attempt({ user: input.name, address, device });
  if (!verdict.allowed) {
    await audit(null, address, "login", "denied", input.name, `${verdict.locked ? "locked out" : "throttled"}: ${REFUSED[verdict.scope]}`);
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw new LoginError("rate_limited", `Too many failed attempts. Try again in ${seconds} s.`, verdict.retryAfterMs);
  }
  const { ticket } = verdict;
  const fail = async (detail: string, message: string): Promise<never> => {
    const locked = loginLimiter().failed(ticket);
    await audit(null, address, "login", "failed", input.name, detail);
    for (const key of locked)
      await audit(
        null,
        address,
        "login.lockout",
        "denied",
        lockoutTarget(key),
        `locked out after too many failures (attempted name: ${input.name.slice(0, 100)})`,
      );
    throw new LoginError("invalid_credentials", message);
  };
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !passwordOk || !isRole(user.role)) return fail("wrong name or password", "Wrong user name or password.");
  if (user.totpEnabled && user.totpSecret) {
    if (!input.totp) {
      loginLimiter().refund(ticket);
      throw new LoginError("totp_required", "Enter the 6-digit code from your authenticator app.");
    }
    if (!verifyTotp(user.totpSecret, input.totp)) return fail("wrong TOTP code", "Wrong authenticator code.");
  }
  loginLimiter().succeeded(ticket);
  const principal: Principal = { id: user.id, name: user.name, role: user.role };
  const session = await createSession(user.id, address, client.userAgent);
  await audit(principal, address, "login", "ok", user.name);
  return { principal, ...session, device: await issueDevice(user.id) };
}
