// Logs the admin in once on the shared server and saves the cookies for every test.
import { request, type FullConfig } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { E2E_PORT, ADMIN } from "./fixtures/server-env";

export const ADMIN_STATE = "test-results/.auth/admin.json";

export default async function globalSetup(_config: FullConfig) {
  const base = `http://127.0.0.1:${E2E_PORT}`;
  const ctx = await request.newContext();
  const res = await ctx.post(`${base}/api/auth/login`, { data: ADMIN, headers: { origin: base } });
  if (res.status() !== 200) throw new Error(`admin login failed: ${res.status()} ${await res.text()}`);
  mkdirSync("test-results/.auth", { recursive: true });
  await ctx.storageState({ path: ADMIN_STATE });
  await ctx.dispose();
}
