// Random tokens for sessions and setup, stored only as SHA-256 hashes.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(hashToken(a));
  const y = Buffer.from(hashToken(b));
  return timingSafeEqual(x, y);
}
