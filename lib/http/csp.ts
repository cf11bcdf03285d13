// Content Security Policy with a per-request nonce: Next reads the nonce from the request's
// CSP header and puts it on its own scripts, so no inline script runs without it.
import { randomBytes } from "node:crypto";

export function contentSecurityPolicy(dev: boolean): { nonce: string; policy: string } {
  const nonce = randomBytes(16).toString("base64");
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { nonce, policy };
}
