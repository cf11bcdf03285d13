// The job runner lives on globalThis and is created by server.ts, whose bundle has its own copy of
// lib/errors: a ConflictError it throws is not `instanceof DomainError` in a route handler (Next's
// bundle), and would answer 500. This turns such an error back into this module graph's class.
import { DomainError } from "../errors";

const CODES = new Set(["invalid_input", "unauthorized", "invalid_credentials", "totp_required", "forbidden", "not_found", "conflict", "rate_limited"]);

export function sameRealmError(err: unknown): unknown {
  if (err instanceof DomainError || !(err instanceof Error)) return err;
  const e = err as Error & { code?: unknown; fields?: unknown };
  if (typeof e.code !== "string" || !CODES.has(e.code)) return err;
  const fields = e.fields && typeof e.fields === "object" ? (e.fields as Record<string, string>) : undefined;
  return new DomainError(e.code, e.message, fields);
}
