import "server-only";
// Whether `prisma migrate deploy` has anything to do, decided cheaply (a few ms, no Prisma CLI):
// the committed migrations (prisma/migrations/<name>/migration.sql, checksum = SHA-256 of the file,
// as Prisma computes it) against the rows of `_prisma_migrations`, read with better-sqlite3.
// "Up to date" only when every committed migration has a finished, not rolled back row with the
// same checksum, and the table holds nothing else that is unfinished or unknown. Anything else
// (no file yet, no table, a pending, failed, edited or foreign migration, an unreadable file) is
// "not up to date", so the CLI runs and reports it: this check can only ever skip a no-op.
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type Migration = { name: string; checksum: string };
export type AppliedRow = { name: string; checksum: string; finished: boolean; rolledBack: boolean };
export type MigrationState = { upToDate: true; applied: number } | { upToDate: false; reason: string };

/** The committed migrations, by folder name (Prisma applies them in this order). */
export function committedMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => ({
      name: d.name,
      checksum: createHash("sha256")
        .update(readFileSync(join(dir, d.name, "migration.sql")))
        .digest("hex"),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Rows of `_prisma_migrations`; null when the database file or the table does not exist. */
export function appliedMigrations(databaseFile: string): AppliedRow[] | null {
  if (!existsSync(databaseFile)) return null;
  const sqlite = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return null;
    const rows = sqlite
      .prepare(
        "SELECT migration_name AS name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolledBack FROM _prisma_migrations",
      )
      .all() as { name: string; checksum: string; finished: number; rolledBack: number }[];
    return rows.map((r) => ({ name: r.name, checksum: r.checksum, finished: r.finished === 1, rolledBack: r.rolledBack === 1 }));
  } finally {
    sqlite.close();
  }
}

/** Pure: does `migrate deploy` have nothing to apply (and nothing to report)? */
export function compareMigrations(committed: Migration[], rows: AppliedRow[] | null): MigrationState {
  if (rows === null) return { upToDate: false, reason: "no migrations table yet" };
  const live = rows.filter((r) => !r.rolledBack);
  const unfinished = live.find((r) => !r.finished);
  if (unfinished) return { upToDate: false, reason: `migration ${unfinished.name} started but did not finish` };
  const known = new Set(committed.map((m) => m.name));
  const foreign = live.find((r) => !known.has(r.name));
  if (foreign) return { upToDate: false, reason: `applied migration ${foreign.name} is not among the committed ones` };
  for (const m of committed) {
    const done = live.filter((r) => r.name === m.name);
    if (done.length === 0) return { upToDate: false, reason: `migration ${m.name} is pending` };
    if (done.some((r) => r.checksum !== m.checksum))
      return { upToDate: false, reason: `migration ${m.name} was edited after it was applied` };
  }
  return { upToDate: true, applied: committed.length };
}

/** The state of one database file against a migrations folder; a read error is "not up to date". */
export function migrationState(databaseFile: string, migrationsDir: string): MigrationState {
  try {
    return compareMigrations(committedMigrations(migrationsDir), appliedMigrations(databaseFile));
  } catch (err) {
    return { upToDate: false, reason: `could not read the migration state (${err instanceof Error ? err.message : String(err)})` };
  }
}
