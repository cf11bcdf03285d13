// Prisma CLI configuration: JS engine + better-sqlite3 adapter, so nothing is downloaded.
// The CLI needs DATABASE_URL; it falls back to the panel's default file.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

try {
  process.loadEnvFile(".env");
} catch {
  // no .env file: fine
}
process.env.DATABASE_URL ??= "file:./data/panel.db";
process.env.CHECKPOINT_DISABLE ??= "1";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL as string });
  },
});
