// Domain errors. They become HTTP statuses or socket error events only at the edge.

export type FieldErrors = Record<string, string>;

// server.ts's bundle and Next's bundle each hold a copy of this module, and the job runner and the
// SSH pool (on globalThis) are made by server.ts's copy: a plain `instanceof` in a route handler
// would miss their errors (a 409 answered as 500). Every domain error carries the brands of its
// classes under a global symbol, and `instanceof` falls back to them. Brands are explicit strings,
// not class names, which minifiers rename.
const BRANDS = Symbol.for("homelab-panel.error-brands");
type Branded = { [BRANDS]?: string[] };

function brandsOf(ctor: unknown): string[] {
  const out: string[] = [];
  for (let c = ctor as { brand?: string } | null; c && c !== Error; c = Object.getPrototypeOf(c) as { brand?: string } | null)
    if (Object.hasOwn(c, "brand") && typeof c.brand === "string") out.push(c.brand);
  return out;
}

export class DomainError extends Error {
  static readonly brand: string = "DomainError";

  static [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (!Object.hasOwn(this, "brand") || typeof value !== "object" || value === null) return false;
    const brands = (value as Branded)[BRANDS];
    return Array.isArray(brands) && brands.includes((this as unknown as { brand: string }).brand);
  }

  constructor(
    public readonly code: string,
    message: string,
    public readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = new.target.name;
    Object.defineProperty(this, BRANDS, { value: brandsOf(new.target), enumerable: false });
  }
}

export class ValidationError extends DomainError {
  static readonly brand: string = "ValidationError";
  constructor(message: string, fields?: FieldErrors) {
    super("invalid_input", message, fields);
  }
}

export class NotFoundError extends DomainError {
  static readonly brand: string = "NotFoundError";
  constructor(message: string) {
    super("not_found", message);
  }
}

export class ConflictError extends DomainError {
  static readonly brand: string = "ConflictError";
  constructor(message: string, fields?: FieldErrors) {
    super("conflict", message, fields);
  }
}

export class UnauthorizedError extends DomainError {
  static readonly brand: string = "UnauthorizedError";
  constructor(message = "Log in first.") {
    super("unauthorized", message);
  }
}

export class ForbiddenError extends DomainError {
  static readonly brand: string = "ForbiddenError";
  constructor(message = "You are not allowed to do that.") {
    super("forbidden", message);
  }
}

export class PayloadTooLargeError extends DomainError {
  static readonly brand: string = "PayloadTooLargeError";
  constructor(limit: number) {
    super("too_large", `The request body is larger than ${limit} bytes.`);
  }
}

/** The one error shape sent to clients. */
export type ErrorBody = { error: { code: string; message: string; fields?: FieldErrors } };

export function errorBody(err: unknown): ErrorBody {
  if (err instanceof DomainError) {
    return { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } };
  }
  return { error: { code: "internal", message: "Something went wrong on the server." } };
}

export function httpStatus(err: unknown): number {
  if (!(err instanceof DomainError)) return 500;
  const statuses: Record<string, number> = {
    invalid_input: 400,
    unauthorized: 401,
    invalid_credentials: 401,
    totp_required: 401,
    forbidden: 403,
    not_found: 404,
    conflict: 409,
    too_large: 413,
    rate_limited: 429,
    sftp_failed: 502,
  };
  return statuses[err.code] ?? 400;
}
