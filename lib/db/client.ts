import "server-only";
// The Prisma client, one per process, on globalThis: Next's bundle and server.ts may each
// evaluate this file, and both must share one connection.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { GetPrismaClientConfig } from "@prisma/client/runtime/client";
import { PrismaClient } from "./generated/client";
import { env } from "../env";
import { queryCompilerModule } from "./query-compiler";

export type Db = PrismaClient;

const KEY = Symbol.for("homelab-panel.db");
type Holder = { [KEY]?: Db };
const holder = globalThis as Holder;

/**
 * The adapter, with each connection in WAL mode and `synchronous = NORMAL` (as the job log's own
 * connection, lib/jobs/log-store.ts): SQLite's default (FULL) syncs the disk on every commit, about
 * 3 ms here against 0.03 ms, and every audited refusal, login and health round is a commit. In WAL
 * mode NORMAL never corrupts the database; a power cut may lose the last commits, not a crash of
 * the panel.
 */
class TunedSqlite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    return adapter;
  }
}

/**
 * Prisma's internal hook (`__internal.configOverride`, typed `never` in the generated client) swaps
 * in our loader of the query compiler: query-compiler.ts says why (about 7 MiB of RSS).
 */
function readCompilerFromFile(config: GetPrismaClientConfig): GetPrismaClientConfig {
  return { ...config, compilerWasm: config.compilerWasm && { ...config.compilerWasm, getQueryCompilerWasmModule: queryCompilerModule } };
}

export function createDb(url: string): Db {
  const options = { adapter: new TunedSqlite({ url }), __internal: { configOverride: readCompilerFromFile } };
  return new PrismaClient(options as unknown as ConstructorParameters<typeof PrismaClient>[0]);
}

export function db(): Db {
  holder[KEY] ??= createDb(env().DATABASE_URL);
  return holder[KEY];
}

/** Replace the process-wide client (tests, or a server with an explicit URL). */
export function setDb(client: Db): void {
  holder[KEY] = client;
}
