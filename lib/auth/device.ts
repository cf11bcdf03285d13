import "server-only";
// Known devices (OWASP's "device cookies"): after a successful login the browser gets a signed,
// httpOnly cookie naming a random device id and the user. A login attempt that carries a valid one
// for that user is throttled on its own (lib/auth/rate-limit.ts), so strangers' failures never
// lock the owner's devices out. The signing key is a random secret in the database.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { settingOrCreate } from "../db/settings";

export const DEVICE_COOKIE = "panel_device";
export const SECURE_DEVICE_COOKIE = "__Host-panel_device";
const MAX_AGE_DAYS = 400;
const KEY_SETTING = "device-cookie-key";

const HOLDER = Symbol.for("homelab-panel.device-key");
type Holder = { [HOLDER]?: Promise<Buffer> };
const holder = globalThis as Holder;

function signingKey(): Promise<Buffer> {
  holder[HOLDER] ??= settingOrCreate(KEY_SETTING, () => randomBytes(32).toString("base64url")).then((v) => Buffer.from(v, "base64url"));
  holder[HOLDER].catch(() => (holder[HOLDER] = undefined));
  return holder[HOLDER];
}

const mac = (key: Buffer, payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

export function deviceCookieName(https: boolean): string {
  return https ? SECURE_DEVICE_COOKIE : DEVICE_COOKIE;
}

/** A new device cookie for this user (value and expiry). */
export async function issueDevice(userId: number, now = Date.now()): Promise<{ value: string; expires: Date }> {
  const payload = `v1.${randomBytes(16).toString("base64url")}.${userId}.${Math.floor(now / 1000)}`;
  return { value: `${payload}.${mac(await signingKey(), payload)}`, expires: new Date(now + MAX_AGE_DAYS * 86_400_000) };
}

/** The device id when `value` is a valid, unexpired device cookie of this user; null otherwise (never throws). */
export async function knownDevice(value: string | undefined, userId: number, now = Date.now()): Promise<string | null> {
  if (typeof value !== "string" || value.length > 200) return null;
  const m = /^(v1\.([\w-]{22})\.(\d{1,10})\.(\d{1,12}))\.([\w-]{43})$/.exec(value);
  if (!m || Number(m[3]) !== userId || now / 1000 - Number(m[4]) > MAX_AGE_DAYS * 86_400) return null;
  const expected = Buffer.from(mac(await signingKey(), m[1]));
  const given = Buffer.from(m[5]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? m[2] : null;
}
