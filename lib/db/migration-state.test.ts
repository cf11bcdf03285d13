import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateIfNeeded } from "./migrate";
import { committedMigrations, compareMigrations, migrationState, type AppliedRow } from "./migration-state";

// Real SQLite files migrated by the real Prisma CLI: the start-up check skips `migrate deploy`
// only when it would apply nothing, and never when a migration is pending.
const root = process.cwd();
const migrationsDir = join(root, "prisma/migrations");
const committed = committedMigrations(migrationsDir);
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "panel-migration-state-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Applies only the first `count` committed migrations with the real CLI, from a project copy. */
function migrateFirst(count: number, file: string): void {
  const project = mkdtempSync(join(dir, "project-"));
  mkdirSync(join(project, "prisma/migrations"), { recursive: true });
  cpSync(join(root, "prisma/schema.prisma"), join(project, "prisma/schema.prisma"));
  cpSync(join(migrationsDir, "migration_lock.toml"), join(project, "prisma/migrations/migration_lock.toml"));
  for (const m of committed.slice(0, count))
    cpSync(join(migrationsDir, m.name), join(project, "prisma/migrations", m.name), { recursive: true });
  cpSync(join(root, "prisma.config.ts"), join(project, "prisma.config.ts"));
  symlinkSync(join(root, "node_modules"), join(project, "node_modules"));
  execFileSync(join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: project,
    env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" },
    stdio: "pipe",
  });
}

/** Reads a few rows with a connection of its own, closed again. */
function query<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const rowNames = (file: string) => query<{ n: string }>(file, "SELECT migration_name AS n FROM _prisma_migrations").map((r) => r.n);

describe("migrateIfNeeded on real database files", () => {
  it("runs the CLI on a new file, then skips it once every migration is applied", async () => {
    const file = join(dir, "fresh.db");
    expect(migrationState(file, migrationsDir)).toEqual({ upToDate: false, reason: "no migrations table yet" });
    const first = await migrateIfNeeded(`file:${file}`);
    expect(first.ran).toBe(true);
    expect(rowNames(file).sort()).toEqual(committed.map((m) => m.name));
    expect(await migrateIfNeeded(`file:${file}`)).toEqual({ ran: false, applied: committed.length });
  });

  it("never skips a pending migration: the CLI runs and applies it", async () => {
    expect(committed.length).toBeGreaterThan(1);
    const file = join(dir, "behind.db");
    migrateFirst(committed.length - 1, file);
    const last = committed[committed.length - 1].name;
    expect(rowNames(file)).not.toContain(last);
    expect(migrationState(file, migrationsDir)).toEqual({ upToDate: false, reason: `migration ${last} is pending` });

    const outcome = await migrateIfNeeded(`file:${file}`);
    expect(outcome).toMatchObject({ ran: true, reason: `migration ${last} is pending` });
    expect(rowNames(file)).toContain(last);
    expect(migrationState(file, migrationsDir)).toEqual({ upToDate: true, applied: committed.length });
  });

  it("runs the CLI when a migration was edited, failed or is unknown, or the file is not a database", () => {
    const file = join(dir, "fresh.db"); // fully migrated by the first test
    const tweak = (sql: string) => {
      const copy = join(dir, `tweaked-${Math.random().toString(36).slice(2)}.db`);
      cpSync(file, copy);
      const db = new Database(copy);
      db.exec(sql);
      db.close();
      return migrationState(copy, migrationsDir);
    };
    const first = committed[0].name;
    expect(tweak(`UPDATE _prisma_migrations SET checksum = 'x' WHERE migration_name = '${first}'`)).toMatchObject({ upToDate: false });
    expect(tweak(`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = '${first}'`)).toMatchObject({ upToDate: false });
    expect(tweak(`DELETE FROM _prisma_migrations WHERE migration_name = '${first}'`)).toMatchObject({ upToDate: false });
    expect(
      tweak(
        "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('z', 'y', CURRENT_TIMESTAMP, '29991231000000_from_elsewhere', 1)",
      ),
    ).toMatchObject({ upToDate: false });
    // A rolled back attempt beside the finished one is history, not work.
    expect(
      tweak(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, rolled_back_at, migration_name, applied_steps_count) VALUES ('r', 'old', NULL, CURRENT_TIMESTAMP, '${first}', 0)`,
      ),
    ).toEqual({ upToDate: true, applied: committed.length });

    const junk = join(dir, "junk.db");
    writeFileSync(junk, "not a database, just text that is long enough to have a header".repeat(20));
    expect(migrationState(junk, migrationsDir)).toMatchObject({ upToDate: false });
  });

  it("sees a migration committed after the last start as pending", () => {
    const extra = mkdtempSync(join(dir, "migrations-"));
    cpSync(migrationsDir, extra, { recursive: true });
    mkdirSync(join(extra, "29991231000000_new_column"));
    writeFileSync(join(extra, "29991231000000_new_column/migration.sql"), 'ALTER TABLE "Service" ADD COLUMN "x" TEXT;\n');
    expect(migrationState(join(dir, "fresh.db"), extra)).toEqual({
      upToDate: false,
      reason: "migration 29991231000000_new_column is pending",
    });
  });
});

describe("compareMigrations", () => {
  const m = [
    { name: "1_a", checksum: "aa" },
    { name: "2_b", checksum: "bb" },
  ];
  const row = (name: string, checksum: string, over: Partial<AppliedRow> = {}): AppliedRow => ({
    name,
    checksum,
    finished: true,
    rolledBack: false,
    ...over,
  });

  it("is up to date only with every migration finished unchanged", () => {
    expect(compareMigrations(m, [row("1_a", "aa"), row("2_b", "bb")])).toEqual({ upToDate: true, applied: 2 });
    expect(compareMigrations(m, [row("1_a", "aa")]).upToDate).toBe(false);
    expect(compareMigrations(m, [row("1_a", "aa"), row("2_b", "bb", { finished: false })]).upToDate).toBe(false);
    expect(compareMigrations(m, [row("1_a", "aa"), row("2_b", "bb", { rolledBack: true })]).upToDate).toBe(false);
    expect(compareMigrations(m, [row("1_a", "aa"), row("2_b", "zz")]).upToDate).toBe(false);
    expect(compareMigrations(m, []).upToDate).toBe(false);
    expect(compareMigrations(m, null).upToDate).toBe(false);
    expect(compareMigrations([], [row("1_a", "aa")]).upToDate).toBe(false);
  });
});

it("hashes migrations as Prisma does (the checksum in a table Prisma wrote)", () => {
  const rows = query<{ name: string; checksum: string }>(
    resolve(dir, "fresh.db"),
    "SELECT migration_name AS name, checksum FROM _prisma_migrations",
  );
  expect(rows.length).toBe(committed.length);
  for (const r of rows) expect(r.checksum).toBe(committed.find((c) => c.name === r.name)?.checksum);
});
