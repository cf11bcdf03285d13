import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";

/**
 * A page's record by the name in its URL: Next's 404 page when the name does not match its
 * pattern (nothing is queried) or no such record exists; any other error is thrown on.
 */
export async function findOr404<T>(key: string, pattern: RegExp, load: (key: string) => Promise<T>): Promise<T> {
  if (!pattern.test(key)) notFound();
  try {
    return await load(key);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}
