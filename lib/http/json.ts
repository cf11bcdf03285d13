import "server-only";
// Route handler helpers: read a JSON body with a size cap, answer in the one error shape.
import type { z } from "zod";
import { errorBody, httpStatus, PayloadTooLargeError, ValidationError } from "../errors";
import { fieldErrors } from "../validation/form";

/** The body as text, read chunk by chunk: past maxBytes it stops reading and throws (413). */
export async function readBody(req: Request, maxBytes: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // The answer is 413 whatever cancelling the stream does.
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function parseJson<S extends z.ZodType>(req: Request, schema: S, maxBytes = 16_384): Promise<z.infer<S>> {
  const text = await readBody(req, maxBytes);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ValidationError("The request body must be JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("Some fields need attention.", fieldErrors(parsed.error));
  return parsed.data;
}

export function errorResponse(err: unknown, headers: Record<string, string> = {}): Response {
  if (httpStatus(err) === 500) console.error("[panel]", err);
  return Response.json(errorBody(err), { status: httpStatus(err), headers });
}
