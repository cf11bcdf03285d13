// Creates a migration from the difference between the last committed migration state and
// prisma/schema.prisma, without `migrate dev` (which needs a shadow database engine we lack).
// Usage: npm run db:new-migration -- <name>
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]{1,60}$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name>   (lower-case letters, digits, _)");
  process.exit(2);
}
const prisma = "node_modules/.bin/prisma";
const migrations = "prisma/migrations";
const existing = readdirSync(migrations, { withFileTypes: true }).filter((d) => d.isDirectory());

// Each migration folder keeps a copy of the schema it produced (schema.prisma); the new
// migration is the diff from the newest copy to prisma/schema.prisma. (With a driver adapter,
// Prisma 6.19 cannot diff against a live database or a migrations folder.)
const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
const latest = existing
  .map((d) => d.name)
  .sort()
  .at(-1);
const from = latest ? ["--from-schema-datamodel", join(migrations, latest, "schema.prisma")] : ["--from-empty"];
const sql = execFileSync(prisma, ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
  env,
  encoding: "utf8",
});
if (!/\b(CREATE|ALTER|DROP|INSERT)\b/.test(sql)) {
  console.log("The schema has no changes against the migrations: nothing to create.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join(migrations, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql);
copyFileSync("prisma/schema.prisma", join(dir, "schema.prisma"));
console.log(`created ${dir}/migration.sql`);
