import "server-only";
// First start: no user exists. The first admin is created from a password file (declarative
// set-ups), or on /setup from loopback, or with the one-time token printed to the server log.
import { readFileSync } from "node:fs";
import { db } from "../db/client";
import { ConflictError, ForbiddenError, ValidationError } from "../errors";
import { audit } from "./audit";
import { MIN_PASSWORD_LENGTH } from "../validation/auth";
import { hashPassword } from "./password";
import { newToken, sameSecret } from "./tokens";
import type { RequestContext } from "./context";

const KEY = Symbol.for("homelab-panel.setup-token");
type Holder = { [KEY]?: string };
const holder = globalThis as Holder;

export function setupToken(): string {
  holder[KEY] ??= newToken();
  return holder[KEY];
}

export async function needsSetup(): Promise<boolean> {
  return (await db().user.count()) === 0;
}

export function setupAllowedFrom(ctx: RequestContext, token: string | null | undefined): boolean {
  return ctx.directLoopback || (!!token && !!holder[KEY] && sameSecret(token, holder[KEY]));
}

export async function createFirstAdmin(name: string, password: string, address: string) {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`, {
      password: `At least ${MIN_PASSWORD_LENGTH} characters.`,
    });
  }
  const passwordHash = await hashPassword(password);
  const user = await db().$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) throw new ConflictError("The panel is already set up.");
    return tx.user.create({ data: { name, passwordHash, role: "admin" }, select: { id: true, name: true, role: true } });
  });
  holder[KEY] = undefined;
  await audit({ id: user.id, name: user.name }, address, "setup.admin", "ok", user.name);
  return { id: user.id, name: user.name, role: "admin" as const };
}

export async function guardSetup(ctx: RequestContext, token: string | null | undefined): Promise<void> {
  if (!(await needsSetup())) throw new ConflictError("The panel is already set up: log in instead.");
  if (!setupAllowedFrom(ctx, token))
    throw new ForbiddenError("Setup is only possible from this machine (loopback) or with the token printed in the server log.");
}

/** Creates the first admin from a password file, when configured and no user exists. */
export async function initialAdminFromFile(name: string, file: string | undefined): Promise<string | null> {
  if (!file || !(await needsSetup())) return null;
  const password = readFileSync(file, "utf8").replace(/\r?\n$/, "");
  await createFirstAdmin(name, password, "initial-admin-password-file");
  return name;
}
