// Test helper: a real temporary SQLite database, migrated with the real migrations
// (`prisma migrate deploy` via lib/db/migrate.ts) and installed as the process-wide client.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createDb, setDb, type Db } from "../db/client";
import { migrate } from "../db/migrate";

export type TestDatabase = {
  /** The Prisma client for the temporary database (only valid inside tests/hooks). */
  client: () => Db;
  /** The file: URL of the temporary database. */
  url: () => string;
};

/** Call inside a describe block (or at file top level): one fresh database for that block. */
export function useTestDatabase(): TestDatabase {
  let dir: string | undefined;
  let url: string | undefined;
  let client: Db | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "panel-test-db-"));
    url = `file:${join(dir, "test.db")}`;
    await migrate(url);
    client = createDb(url);
    setDb(client);
  });

  afterAll(async () => {
    await client?.$disconnect();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  return {
    client: () => {
      if (!client) throw new Error("useTestDatabase: the database is only ready inside tests (beforeAll has not run).");
      return client;
    },
    url: () => {
      if (!url) throw new Error("useTestDatabase: the database is only ready inside tests (beforeAll has not run).");
      return url;
    },
  };
}
