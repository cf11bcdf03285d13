// The environment, parsed once with zod. The only module that reads process.env.
import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const int = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: int(1, 65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, "must be a SQLite URL like file:./data/panel.db")
    .default("file:./data/panel.db"),
  SEED_ON_START: bool.default(true),
  HEALTH_INTERVAL_MS: int(1000, 3_600_000).default(30_000),
  HEALTH_TIMEOUT_MS: int(100, 60_000).default(5_000),
  HEALTH_SLOW_MS: int(10, 60_000).default(1_000),
  /** Comma list of host names, IPs or IPv4 CIDRs health checks may contact; "*" = any. */
  HEALTH_CHECK_ALLOW: z.string().default("*"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((i) => `${i.path.join(".")}: ${i.message} (got ${JSON.stringify(cleaned[String(i.path[0])])})`),
    );
  }
  return result.data;
}

let cached: Env | undefined;

/** The process environment, validated on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Environment for child processes the panel starts itself (e.g. the Prisma CLI). */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, CHECKPOINT_DISABLE: "1", ...extra };
}

/** Path of the SQLite file behind DATABASE_URL. */
export function databaseFile(url = env().DATABASE_URL): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}
