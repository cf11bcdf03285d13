import { cookies } from "next/headers";
import { requestContext } from "@/lib/auth/current";
import { DEVICE_COOKIE, deviceCookieName, SECURE_DEVICE_COOKIE } from "@/lib/auth/device";
import { login, LoginError } from "@/lib/auth/login";
import { cookieOptions } from "@/lib/auth/session";
import { sessionCookieName } from "@/lib/auth/context";
import { errorResponse, parseJson } from "@/lib/http/json";
import { loginInput } from "@/lib/validation/auth";

export async function POST(req: Request) {
  try {
    const input = await parseJson(req, loginInput);
    const ctx = await requestContext();
    const jar = await cookies();
    const deviceCookie = jar.get(SECURE_DEVICE_COOKIE)?.value ?? jar.get(DEVICE_COOKIE)?.value;
    const { principal, token, expiresAt, device } = await login(input, {
      address: ctx.address,
      userAgent: req.headers.get("user-agent") ?? "",
      deviceCookie,
    });
    jar.set(sessionCookieName(ctx.https), token, cookieOptions(ctx.https, expiresAt));
    jar.set(deviceCookieName(ctx.https), device.value, cookieOptions(ctx.https, device.expires));
    return Response.json({ user: principal });
  } catch (err) {
    const retry = err instanceof LoginError && err.retryAfterMs ? { "retry-after": String(Math.ceil(err.retryAfterMs / 1000)) } : undefined;
    return errorResponse(err, retry);
  }
}
