import { cookies } from "next/headers";
import { requestContext } from "@/lib/auth/current";
import { createFirstAdmin, guardSetup } from "@/lib/auth/setup";
import { cookieOptions, createSession } from "@/lib/auth/session";
import { sessionCookieName } from "@/lib/auth/context";
import { deviceCookieName, issueDevice } from "@/lib/auth/device";
import { errorResponse, parseJson } from "@/lib/http/json";
import { setupInput } from "@/lib/validation/auth";

/** Creates the first admin (only while no user exists, from loopback or with the log's token). */
export async function POST(req: Request) {
  try {
    const input = await parseJson(req, setupInput);
    const ctx = await requestContext();
    await guardSetup(ctx, input.token);
    const user = await createFirstAdmin(input.name, input.password, ctx.address);
    const { token, expiresAt } = await createSession(user.id, ctx.address, req.headers.get("user-agent") ?? "");
    const jar = await cookies();
    jar.set(sessionCookieName(ctx.https), token, cookieOptions(ctx.https, expiresAt));
    // The browser that set the panel up is a known device: others' failed logins never lock it out.
    const device = await issueDevice(user.id);
    jar.set(deviceCookieName(ctx.https), device.value, cookieOptions(ctx.https, device.expires));
    return Response.json({ user });
  } catch (err) {
    return errorResponse(err);
  }
}
