// Domain errors. They become HTTP statuses or socket error events only at the edge.

export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, fields?: FieldErrors) {
    super("invalid_input", message, fields);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super("not_found", message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, fields?: FieldErrors) {
    super("conflict", message, fields);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = "Log in first.") {
    super("unauthorized", message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = "You are not allowed to do that.") {
    super("forbidden", message);
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
    invalid_input: 400, unauthorized: 401, invalid_credentials: 401, totp_required: 401, forbidden: 403,
    not_found: 404, conflict: 409, rate_limited: 429,
  };
  return statuses[err.code] ?? 400;
}
