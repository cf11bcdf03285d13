import "server-only";
// Route handler helpers: read a JSON body with a size cap, answer in the one error shape.
import type { z } from "zod";
import { errorBody, httpStatus, ValidationError } from "../errors";
import { fieldErrors } from "../validation/form";

export async function parseJson<S extends z.ZodType>(req: Request, schema: S, maxBytes = 16_384): Promise<z.infer<S>> {
  const text = await req.text();
  if (text.length > maxBytes) throw new ValidationError("Request body too large.");
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
