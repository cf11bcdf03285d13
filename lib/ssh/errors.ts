// Typed errors of the SSH layer. Codes are stable strings for the edge (HTTP / socket events).
import { DomainError } from "../errors";

// Each class has a brand (lib/errors.ts): the pool may be made by server.ts's copy of this module,
// and Next's copy must still recognise its errors (a missing key explained, not shown as an errno).

export class HostKeyUnknownError extends DomainError {
  static readonly brand: string = "HostKeyUnknownError";
  constructor(
    public readonly machine: string,
    public readonly host: string,
    public readonly port: number,
    /** The fingerprint the host presented; show it to an admin who may choose to trust it. */
    public readonly presentedFingerprint: string,
  ) {
    super(
      "ssh_host_key_unknown",
      `No host key is pinned for ${machine} (${host}:${port}). It presented ${presentedFingerprint}; ` +
        "verify it out of band (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the host) before trusting it.",
    );
  }
}

export class HostKeyMismatchError extends DomainError {
  static readonly brand: string = "HostKeyMismatchError";
  constructor(
    public readonly machine: string,
    public readonly host: string,
    public readonly port: number,
    public readonly expectedFingerprint: string,
    public readonly presentedFingerprint: string,
    /** Where the expected key comes from, when not the inventory (e.g. "the known_hosts file ... line 2"). */
    public readonly source: string | null = null,
  ) {
    super(
      "ssh_host_key_mismatch",
      `HOST KEY MISMATCH for ${machine} (${host}:${port}): expected ${expectedFingerprint}${source ? ` (from ${source})` : ""} ` +
        `but the host presented ${presentedFingerprint}. Someone may be intercepting the connection, or the host was ` +
        "reinstalled. Refusing to connect.",
    );
  }
}

/** The inventory's pin and the known_hosts file disagree about a host: neither is trusted. */
export class HostKeyConflictError extends DomainError {
  static readonly brand: string = "HostKeyConflictError";
  constructor(
    public readonly machine: string,
    public readonly host: string,
    public readonly port: number,
    public readonly inventoryFingerprint: string,
    /** What the file says: the fingerprints it lists for the host, and where. */
    public readonly fileDetail: string,
  ) {
    super(
      "ssh_host_key_conflict",
      `HOST KEY CONFLICT for ${machine} (${host}:${port}): the inventory pins ${inventoryFingerprint} but ${fileDetail}. ` +
        "Refusing to connect until they agree: correct the known_hosts file (SSH_KNOWN_HOSTS_FILE, the NixOS " +
        "option services.homelab-panel.knownHosts) or the machine's pinned key.",
    );
  }
}

export class SshConnectError extends DomainError {
  static readonly brand: string = "SshConnectError";
  constructor(
    public readonly host: string,
    public readonly port: number,
    public readonly reason: string,
    /** False when retrying cannot help (authentication refused, unreadable key file). */
    public readonly transient = true,
  ) {
    super("ssh_connect_failed", `Cannot connect to ${host}:${port}: ${reason}`);
  }
}

/** The private key file could not be used: there is nothing to log in with. */
export class SshKeyFileError extends SshConnectError {
  static readonly brand: string = "SshKeyFileError";
  constructor(
    host: string,
    port: number,
    public readonly keyFile: string,
    public readonly problem: "missing" | "unreadable" | "unusable",
    detail: string,
    /** The file comes from SSH_KEY_FILE (the panel never creates it) rather than being the panel's own. */
    public readonly configured = false,
  ) {
    super(host, port, detail, false);
  }
}

/** The host refused the login (no such user, or the key is not among its authorized keys). */
export class SshAuthRefusedError extends SshConnectError {
  static readonly brand: string = "SshAuthRefusedError";
  constructor(
    host: string,
    port: number,
    public readonly user: string,
    reason: string,
  ) {
    super(host, port, reason, false);
  }
}

export type ExecFailure = "exit" | "timeout" | "cancelled" | "connection_lost" | "start_failed" | "output_too_large";

export type ExecErrorDetails = {
  /** A short description of the command (never secrets; the caller may pass a label). */
  command: string;
  exitCode?: number | null;
  signal?: string | null;
  /** The last lines of stderr, joined with "\n". */
  stderrTail?: string;
  /** PID (= process group) of the remote shell, when it announced one. After "connection_lost"
   * a command started without a pty may still be running there under this group. */
  remotePid?: number | null;
};

export class ExecError extends DomainError {
  static readonly brand: string = "ExecError";
  public readonly command: string;
  public readonly exitCode: number | null;
  public readonly signal: string | null;
  public readonly stderrTail: string;
  public readonly remotePid: number | null;

  constructor(
    public readonly reason: ExecFailure,
    message: string,
    details: ExecErrorDetails,
  ) {
    super(`exec_${reason}`, `${details.command}: ${message}`);
    this.command = details.command;
    this.exitCode = details.exitCode ?? null;
    this.signal = details.signal ?? null;
    this.stderrTail = details.stderrTail ?? "";
    this.remotePid = details.remotePid ?? null;
  }
}
