import "server-only";
// Applies the committed migrations with the real Prisma CLI (`prisma migrate deploy`), or, at
// start-up, only when the database is not already up to date (migration-state.ts): the CLI costs
// about 1.2 s even with nothing to do.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { childEnv, databaseFile } from "../env";
import { migrationState } from "./migration-state";

export class MigrationError extends Error {
  constructor(
    message: string,
    public readonly output: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

const prismaBin = resolve(process.cwd(), "node_modules/.bin/prisma");
const migrationsDir = resolve(process.cwd(), "prisma/migrations");

export async function migrate(databaseUrl: string): Promise<string> {
  mkdirSync(dirname(resolve(databaseFile(databaseUrl))), { recursive: true });
  const child = spawn(prismaBin, ["migrate", "deploy"], {
    env: childEnv({ DATABASE_URL: databaseUrl }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((ok, fail) => {
    child.on("error", fail);
    child.on("close", ok);
  });
  if (code !== 0) {
    throw new MigrationError(`prisma migrate deploy exited with ${code}: ${output.trim().split("\n").slice(-5).join(" | ")}`, output);
  }
  return output;
}

export type MigrateOutcome = { ran: false; applied: number } | { ran: true; reason: string; output: string };

/** `migrate()` unless every committed migration is already applied unchanged (then nothing runs). */
export async function migrateIfNeeded(databaseUrl: string): Promise<MigrateOutcome> {
  const state = migrationState(resolve(databaseFile(databaseUrl)), migrationsDir);
  if (state.upToDate) return { ran: false, applied: state.applied };
  return { ran: true, reason: state.reason, output: await migrate(databaseUrl) };
}
