// npm run demo: the panel wired to the lab, so anyone can click through it against real hosts.
// Boots the lab (root), builds the panel if needed, points frame1 (and frame2) of a demo
// database at the lab hosts with their pinned host keys, and serves on http://127.0.0.1:3000.
import { SERVER_ENV, SERVER_NODE_ARGS } from "./server-args";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { lab } from "../e2e/lab";
import { prepareLabDatabase } from "./lab-db";

const DATA = resolve("data/demo");
const DB_URL = `file:${DATA}/panel.db`;

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? ok() : fail(new Error(`${cmd} ${args.join(" ")} exited ${code}`))));
  });
}

async function main() {
  console.log("[demo] bringing the lab up (the first time builds its image: a few minutes)");
  const info = await lab.up();
  if (!existsSync(".next/BUILD_ID")) await sh("npm", ["run", "build"]);
  mkdirSync(DATA, { recursive: true });
  const passwordFile = `${DATA}/admin-password`;
  const password = existsSync(passwordFile) ? null : randomBytes(9).toString("base64url");
  if (password) writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });

  await prepareLabDatabase(DB_URL, info);

  console.log(`[demo] lab hosts: ${info.hosts.map((h) => `${h.name} ${h.address}`).join(", ")}`);
  console.log(password ? `[demo] log in as admin / ${password}` : `[demo] log in as admin (password in ${passwordFile})`);
  await sh(process.execPath, SERVER_NODE_ARGS, {
    ...process.env,
    ...SERVER_ENV,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: DB_URL,
    SSH_KEY_FILE: info.privateKeyPath,
    INITIAL_ADMIN_PASSWORD_FILE: passwordFile,
    HEALTH_CHECK_ALLOW: "127.0.0.0/8,localhost,10.231.0.0/16",
  });
}

main().catch((err: unknown) => {
  console.error("[demo]", err instanceof Error ? err.message : err);
  process.exit(1);
});
