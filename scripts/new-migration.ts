// Creates a migration from the difference between the last committed migration state and
// prisma/schema.prisma, without `migrate dev` (which needs a shadow database engine we lack).
// Usage: npm run db:new-migration -- <name>
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]{1,60}$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name>   (lower-case letters, digits, _)");
  process.exit(2);
}
const prisma = "node_modules/.bin/prisma";
const migrations = "prisma/migrations";
const existing = readdirSync(migrations, { withFileTypes: true }).filter((d) => d.isDirectory());

// Apply the existing migrations to a scratch database, then diff it against the schema.
const scratch = join(mkdtempSync(join(tmpdir(), "panel-migration-")), "scratch.db");
const env = { ...process.env, DATABASE_URL: `file:${scratch}`, CHECKPOINT_DISABLE: "1" };
if (existing.length) execFileSync(prisma, ["migrate", "deploy"], { env, stdio: "inherit" });
const from = existing.length ? ["--from-url", `file:${scratch}`] : ["--from-empty"];
const sql = execFileSync(
  prisma,
  ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { env, encoding: "utf8" },
);
if (!/\b(CREATE|ALTER|DROP|INSERT)\b/.test(sql)) {
  console.log("The schema has no changes against the migrations: nothing to create.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join(migrations, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql);
console.log(`created ${dir}/migration.sql`);
