import "server-only";
// Maps Prisma's known request errors to domain errors.
import { ConflictError } from "../errors";

export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

export async function unique<T>(work: () => Promise<T>, field: string, message: string): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(message, { [field]: message });
    throw err;
  }
}
