import { describe, expect, it } from "vitest";
import { childEnv, databaseFile, EnvError, parseEnv, publicOrigins, trustedProxies } from "./env";

const errorOf = (source: Record<string, string | undefined>) => {
  try {
    parseEnv(source);
  } catch (err) {
    return err;
  }
  throw new Error("parseEnv did not throw");
};

describe("parseEnv", () => {
  it("has defaults for everything", () => {
    expect(parseEnv({})).toMatchObject({
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      PORT: 3000,
      DATABASE_URL: "file:./data/panel.db",
      SEED_ON_START: true,
      HEALTH_INTERVAL_MS: 30_000,
      HEALTH_TIMEOUT_MS: 5_000,
      HEALTH_SLOW_MS: 1_000,
      HEALTH_CHECK_ALLOW: "inventory",
      HEALTH_HISTORY_DAYS: 90,
      PUBLIC_ORIGINS: "",
      TRUSTED_PROXIES: "",
      TAILSCALE_IDENTITY: false,
      ANONYMOUS_DASHBOARD: false,
      INITIAL_ADMIN_NAME: "admin",
      SESSION_IDLE_SECONDS: 43_200,
      SESSION_MAX_SECONDS: 1_209_600,
      LOGIN_MAX_FAILURES: 5,
      BODY_MAX_BYTES: 65_536,
      UPLOAD_MAX_BYTES: 2_097_152,
      AUDIT_RETENTION_DAYS: 180,
    });
    expect(parseEnv({}).INITIAL_ADMIN_PASSWORD_FILE).toBeUndefined();
  });

  it("always counts loopback on its own port among the public origins", () => {
    const e = parseEnv({ PORT: "3100", PUBLIC_ORIGINS: "https://local.kaifer.dev/, https://Frame1.tail.ts.net" });
    expect(publicOrigins(e)).toEqual([
      "https://local.kaifer.dev",
      "https://frame1.tail.ts.net",
      "http://127.0.0.1:3100",
      "http://localhost:3100",
    ]);
    expect(trustedProxies(parseEnv({ TRUSTED_PROXIES: "127.0.0.1, ::1" }))).toEqual(["127.0.0.1", "::1"]);
  });

  it("parses given values", () => {
    expect(
      parseEnv({
        PORT: "8080",
        HOST: "0.0.0.0",
        SEED_ON_START: "off",
        DATABASE_URL: "file:/var/lib/panel/panel.db",
        NODE_ENV: "production",
      }),
    ).toMatchObject({
      PORT: 8080,
      HOST: "0.0.0.0",
      SEED_ON_START: false,
      DATABASE_URL: "file:/var/lib/panel/panel.db",
      NODE_ENV: "production",
    });
  });

  it.each(["abc", "70000", "0", "80.5"])("refuses PORT=%j naming PORT", (PORT) => {
    const err = errorOf({ PORT });
    expect(err).toBeInstanceOf(EnvError);
    expect((err as EnvError).message).toMatch(/^Invalid environment:\n {2}- PORT: /);
    expect((err as EnvError).message).toContain(`(got "${PORT}")`);
    expect((err as EnvError).issues).toHaveLength(1);
  });

  it("refuses a DATABASE_URL that is not a SQLite file URL", () => {
    const err = errorOf({ DATABASE_URL: "postgres://db/panel" });
    expect(err).toBeInstanceOf(EnvError);
    expect((err as EnvError).issues).toEqual(['DATABASE_URL: must be a SQLite URL like file:./data/panel.db (got "postgres://db/panel")']);
    expect(errorOf({ DATABASE_URL: "file:" })).toBeInstanceOf(EnvError);
  });

  it("lists every bad variable", () => {
    const err = errorOf({ PORT: "x", SEED_ON_START: "maybe", NODE_ENV: "staging" }) as EnvError;
    expect(err.issues.map((i) => i.split(":")[0]).sort()).toEqual(["NODE_ENV", "PORT", "SEED_ON_START"]);
  });

  it("treats empty strings as unset", () => {
    expect(
      parseEnv({ PORT: "", HOST: "", DATABASE_URL: "", HEALTH_CHECK_ALLOW: "", SEED_ON_START: "", HEALTH_INTERVAL_MS: undefined }),
    ).toMatchObject({
      PORT: 3000,
      HOST: "127.0.0.1",
      DATABASE_URL: "file:./data/panel.db",
      HEALTH_CHECK_ALLOW: "inventory",
      SEED_ON_START: true,
      HEALTH_INTERVAL_MS: 30_000,
    });
  });

  it("bounds the body limits by the ceiling next.config.js gives Next", () => {
    expect((errorOf({ BODY_MAX_BYTES: "100" }) as EnvError).issues[0]).toMatch(/^BODY_MAX_BYTES: /);
    expect((errorOf({ UPLOAD_MAX_BYTES: String(64 * 2 ** 20) }) as EnvError).issues[0]).toMatch(/^UPLOAD_MAX_BYTES: /);
    expect((errorOf({ AUDIT_RETENTION_DAYS: "0" }) as EnvError).issues[0]).toMatch(/^AUDIT_RETENTION_DAYS: /);
    expect((errorOf({ HEALTH_HISTORY_DAYS: "0" }) as EnvError).issues[0]).toMatch(/^HEALTH_HISTORY_DAYS: /);
  });

  it("bounds the health timings", () => {
    expect((errorOf({ HEALTH_INTERVAL_MS: "999" }) as EnvError).issues[0]).toMatch(/^HEALTH_INTERVAL_MS: /);
    expect((errorOf({ HEALTH_TIMEOUT_MS: "50" }) as EnvError).issues[0]).toMatch(/^HEALTH_TIMEOUT_MS: /);
    expect(parseEnv({ HEALTH_SLOW_MS: "250" }).HEALTH_SLOW_MS).toBe(250);
  });

  it("reads drift in the background every 10 minutes by default, 0 turns it off, less than a minute is refused", () => {
    expect(parseEnv({}).DRIFT_CHECK_MS).toBe(600_000);
    expect(parseEnv({ DRIFT_CHECK_MS: "0" }).DRIFT_CHECK_MS).toBe(0);
    expect(parseEnv({ DRIFT_CHECK_MS: "3600000" }).DRIFT_CHECK_MS).toBe(3_600_000);
    expect((errorOf({ DRIFT_CHECK_MS: "5000" }) as EnvError).issues[0]).toMatch(/^DRIFT_CHECK_MS: must be 0/);
  });
});

describe("databaseFile / childEnv", () => {
  it("turns a file: URL into a path", () => {
    expect(databaseFile("file:./data/panel.db")).toBe("./data/panel.db");
    expect(databaseFile("file:/var/lib/panel/panel.db?connection_limit=1")).toBe("/var/lib/panel/panel.db");
  });

  it("child processes get telemetry off and the extras", () => {
    const e = childEnv({ DATABASE_URL: "file:/tmp/x.db" });
    expect(e.CHECKPOINT_DISABLE).toBe("1");
    expect(e.DATABASE_URL).toBe("file:/tmp/x.db");
    expect(e.PATH).toBe(process.env.PATH);
  });
});
