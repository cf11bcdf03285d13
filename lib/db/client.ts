import "server-only";
// The Prisma client, one per process, on globalThis: Next's bundle and server.ts may each
// evaluate this file, and both must share one connection.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client";
import { env } from "../env";

export type Db = PrismaClient;

const KEY = Symbol.for("homelab-panel.db");
type Holder = { [KEY]?: Db };
const holder = globalThis as Holder;

export function createDb(url: string): Db {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

export function db(): Db {
  holder[KEY] ??= createDb(env().DATABASE_URL);
  return holder[KEY];
}

/** Replace the process-wide client (tests, or a server with an explicit URL). */
export function setDb(client: Db): void {
  holder[KEY] = client;
}
