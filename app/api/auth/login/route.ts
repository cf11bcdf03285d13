import { cookies } from "next/headers";
import { requestContext } from "@/lib/auth/current";
import { login, LoginError } from "@/lib/auth/login";
import { cookieOptions } from "@/lib/auth/session";
import { sessionCookieName } from "@/lib/auth/context";
import { errorResponse, parseJson } from "@/lib/http/json";
import { loginInput } from "@/lib/validation/auth";

export async function POST(req: Request) {
  try {
    const input = await parseJson(req, loginInput);
    const ctx = await requestContext();
    const { principal, token, expiresAt } = await login(input, ctx.address, req.headers.get("user-agent") ?? "");
    (await cookies()).set(sessionCookieName(ctx.https), token, cookieOptions(ctx.https, expiresAt));
    return Response.json({ user: principal });
  } catch (err) {
    const retry = err instanceof LoginError && err.retryAfterMs ? { "retry-after": String(Math.ceil(err.retryAfterMs / 1000)) } : undefined;
    return errorResponse(err, retry);
  }
}
