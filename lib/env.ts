// The environment, parsed once with zod. The only module that reads process.env.
import { z } from "zod";
import bodyCeiling from "./body-ceiling.json";

const bool = z.enum(["1", "0", "true", "false", "yes", "no", "on", "off"]).transform((v) => ["1", "true", "yes", "on"].includes(v));

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

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
  /** How long start-up waits for the first health round before listening (lib/health/monitor.ts). */
  HEALTH_START_WAIT_MS: int(0, 60_000).default(300),
  /**
   * Hosts health checks may contact (lib/health/allow.ts): "inventory" (the hosts of the
   * inventory's machines and service links), names, IPs and IPv4 CIDRs, or "*"; comma-separated.
   * Link-local and cloud metadata addresses only when listed explicitly.
   */
  HEALTH_CHECK_ALLOW: z.string().default("inventory"),
  /** Health history (lib/history): hourly roll-ups and incidents are kept this many days (samples a day). */
  HEALTH_HISTORY_DAYS: int(1, 3650).default(90),
  /** Notifications (lib/notify): a service or machine is reported down after this many down checks in a row. */
  NOTIFY_GRACE_CHECKS: int(1, 100).default(2),
  /** Time-out of each outbound notification (ntfy, webhook, SMTP), in ms. */
  NOTIFY_TIMEOUT_MS: int(500, 120_000).default(10_000),
  /** Folders notification secret files may be read from (comma-separated absolute paths). */
  NOTIFY_SECRET_DIRS: z
    .string()
    .regex(/^\/[^,]*(,\/[^,]*)*$/, "must be absolute paths separated by commas, e.g. /run/agenix,/run/secrets")
    .default("/run/agenix,/run/secrets"),
  /** Origins the panel is served at (e.g. https://local.kaifer.dev); default: loopback on PORT. */
  PUBLIC_ORIGINS: z.string().default(""),
  /** Reverse proxies (e.g. Caddy on 127.0.0.1) whose X-Forwarded-* headers are believed. */
  TRUSTED_PROXIES: z.string().default(""),
  /** Map Tailscale-User-Login from a trusted proxy to a user. */
  TAILSCALE_IDENTITY: bool.default(false),
  /** Show tiles and health (nothing else) to visitors who are not logged in. */
  ANONYMOUS_DASHBOARD: bool.default(false),
  INITIAL_ADMIN_NAME: z
    .string()
    .regex(/^[a-z][a-z0-9._-]{0,31}$/, "must be a user name like admin")
    .default("admin"),
  /** File holding the first admin's password (e.g. /run/agenix/panel-admin), read when no user exists. */
  INITIAL_ADMIN_PASSWORD_FILE: z.string().optional(),
  SESSION_IDLE_SECONDS: int(1, 31_536_000).default(43_200),
  SESSION_MAX_SECONDS: int(1, 31_536_000).default(1_209_600),
  LOGIN_MAX_FAILURES: int(1, 1000).default(5),
  LOGIN_LOCKOUT_SECONDS: int(1, 86_400).default(900),
  /** Request bodies (JSON routes, server actions) are refused with 413 past this many bytes. */
  BODY_MAX_BYTES: int(1024, bodyCeiling.bytes).default(64 * 1024),
  /** The larger limit of upload forms (the inventory imports: pasted or uploaded YAML/JSON). */
  UPLOAD_MAX_BYTES: int(1024, bodyCeiling.bytes).default(2 * 1024 * 1024),
  /** Audit events older than this are deleted (at start and daily). */
  AUDIT_RETENTION_DAYS: int(1, 36_500).default(180),
  /** SSH (lib/ssh): unset = the defaults in lib/ssh/settings.ts. */
  SSH_KEY_FILE: z.string().min(1).optional(),
  /** OpenSSH known_hosts file (e.g. /etc/ssh/ssh_known_hosts): pins machines the inventory does not; see lib/ssh/host-key-pin.ts. */
  SSH_KNOWN_HOSTS_FILE: z.string().min(1).optional(),
  SSH_CONNECT_TIMEOUT_MS: int(500, 300_000).optional(),
  SSH_CONNECT_ATTEMPTS: int(1, 10).optional(),
  SSH_KEEPALIVE_MS: int(1000, 600_000).optional(),
  SSH_KEEPALIVE_COUNT_MAX: int(1, 20).optional(),
  SSH_KILL_GRACE_MS: int(100, 60_000).optional(),
  /** Jobs (lib/jobs): log bytes kept per job; beyond it one marker line, the rest is dropped. */
  JOB_LOG_MAX_BYTES: int(1024, 2 ** 40).default(50 * 1024 * 1024),
  /** Log lines are written in batches: at least this often, or when this many are waiting. */
  JOB_LOG_FLUSH_MS: int(10, 10_000).default(25),
  JOB_LOG_BATCH_LINES: int(1, 5_000).default(500),
  /** Time-outs per kind: evaluate (validate), build (build, dry-run), deploy (deploy, rollback), queries. */
  JOB_TIMEOUT_EVAL_MS: int(1000, 86_400_000).default(600_000),
  JOB_TIMEOUT_BUILD_MS: int(1000, 86_400_000).default(7_200_000),
  JOB_TIMEOUT_DEPLOY_MS: int(1000, 86_400_000).default(3_600_000),
  JOB_TIMEOUT_QUERY_MS: int(1000, 86_400_000).default(120_000),
  /** Machine resources (lib/metrics): VictoriaMetrics (or Prometheus) API base for every machine, e.g. http://frame1:8428; unset = each machine's node_exporter. */
  METRICS_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Per machine, comma-separated `name=url`: a VictoriaMetrics API base, or a node_exporter URL ending in /metrics; `name=off` = none. */
  METRICS_URLS: z
    .string()
    .regex(
      /^(\s*[a-z0-9][a-z0-9._-]*=(off|https?:\/\/[^\s,]+)\s*)(,\s*[a-z0-9][a-z0-9._-]*=(off|https?:\/\/[^\s,]+)\s*)*$/,
      "must be name=url pairs, comma-separated",
    )
    .optional(),
  /** How often a watched machine's resources are read, and how long one read may take. */
  METRICS_INTERVAL_MS: int(1000, 3_600_000).default(5_000),
  METRICS_TIMEOUT_MS: int(100, 60_000).default(3_000),
  /** How often machines the panel deployed are read in the background for drift (notifications); 0 = never. */
  DRIFT_CHECK_MS: z.coerce
    .number()
    .int()
    .refine((n) => n === 0 || (n >= 60_000 && n <= 86_400_000), "must be 0 (off) or 60000 to 86400000 ms")
    .default(600_000),
  /** Grafana, linked from the machine page's charts (e.g. https://grafana.local.kaifer.dev). */
  GRAFANA_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** nix-instantiate (name on PATH or absolute path) for reading a .nix file in the Homepage import; "off" = none. */
  NIX_INSTANTIATE: z
    .string()
    .regex(/^(off|[A-Za-z0-9._/+][A-Za-z0-9._/+-]*)$/, "must be a command or an absolute path, or off")
    .default("nix-instantiate"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
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

/** The origins browsers use to reach the panel (scheme://host[:port]), lower-case. */
/** PUBLIC_ORIGINS as configured, normalised (none: the panel is reached on loopback only). */
export function listedOrigins(e: Env = env()): string[] {
  return e.PUBLIC_ORIGINS.split(",")
    .map((o) => o.trim().toLowerCase().replace(/\/+$/, ""))
    .filter(Boolean);
}

export function publicOrigins(e: Env = env()): string[] {
  // Loopback on our own port is always ours: a rebinding attacker's page cannot have this origin.
  return [...new Set([...listedOrigins(e), `http://127.0.0.1:${e.PORT}`, `http://localhost:${e.PORT}`])];
}

export function trustedProxies(e: Env = env()): string[] {
  return e.TRUSTED_PROXIES.split(",")
    .map((p) => p.trim())
    .filter(Boolean);
}

/** NOTIFY_SECRET_DIRS as a list. */
export function notifySecretDirs(): string[] {
  return env()
    .NOTIFY_SECRET_DIRS.split(",")
    .map((d) => d.trim())
    .filter(Boolean);
}
