// Tunables of the SSH layer, from the environment with defaults. Tests pass their own.
import { dirname, join } from "node:path";
import { databaseFile, env, type Env } from "../env";

export type SshSettings = {
  /** Default private key for targets built from the inventory. */
  keyFile: string;
  /** True when keyFile comes from configuration (SSH_KEY_FILE): the panel never creates or replaces it. */
  keyConfigured: boolean;
  /** OpenSSH known_hosts file whose keys pin machines (see host-key-pin.ts); null = none. */
  knownHostsFile: string | null;
  /** Time for TCP connect + handshake + authentication (ssh2 readyTimeout). */
  connectTimeoutMs: number;
  /** Connection attempts per use (exponential backoff between them). */
  connectAttempts: number;
  /** First backoff delay; doubles after each failed attempt. */
  backoffBaseMs: number;
  /** SSH-level keepalive interval; a dead peer is noticed after interval * countMax. */
  keepaliveMs: number;
  keepaliveCountMax: number;
  /** Time between SIGTERM and SIGKILL to a cancelled command's process group. */
  killGraceMs: number;
};

export const DEFAULT_SSH_SETTINGS: SshSettings = {
  keyFile: "./data/ssh/id_ed25519",
  keyConfigured: false,
  knownHostsFile: null,
  connectTimeoutMs: 10_000,
  connectAttempts: 4,
  backoffBaseMs: 250,
  keepaliveMs: 15_000,
  keepaliveCountMax: 3,
  killGraceMs: 3_000,
};

/** SSH_KEY_FILE, or the panel's own key in the data folder (beside the database): ssh/id_ed25519. */
export function panelKeyFile(e: Env): string {
  return e.SSH_KEY_FILE ?? join(dirname(databaseFile(e.DATABASE_URL)), "ssh", "id_ed25519");
}

export function sshSettingsFromEnv(): SshSettings {
  const e = env();
  const d = DEFAULT_SSH_SETTINGS;
  return {
    ...d,
    keyFile: panelKeyFile(e),
    keyConfigured: e.SSH_KEY_FILE !== undefined,
    knownHostsFile: e.SSH_KNOWN_HOSTS_FILE ?? d.knownHostsFile,
    connectTimeoutMs: e.SSH_CONNECT_TIMEOUT_MS ?? d.connectTimeoutMs,
    connectAttempts: e.SSH_CONNECT_ATTEMPTS ?? d.connectAttempts,
    keepaliveMs: e.SSH_KEEPALIVE_MS ?? d.keepaliveMs,
    keepaliveCountMax: e.SSH_KEEPALIVE_COUNT_MAX ?? d.keepaliveCountMax,
    killGraceMs: e.SSH_KILL_GRACE_MS ?? d.killGraceMs,
  };
}
