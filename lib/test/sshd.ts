// Test helper: a throwaway OpenSSH server on 127.0.0.1 with its own host key, client key and config
// in a temp dir. Needs openssh-server (/usr/sbin/sshd) and ssh-keygen. Runs as the current user.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import type { SshTarget } from "../ssh/target";

const SSHD = "/usr/sbin/sshd";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function keygen(file: string): string {
  rmSync(file, { force: true });
  rmSync(`${file}.pub`, { force: true });
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "panel-test", "-f", file]);
  const printed = execFileSync("ssh-keygen", ["-lf", `${file}.pub`], { encoding: "utf8" });
  return printed.split(" ")[1]; // "256 SHA256:... comment (ED25519)"
}

/** Every descendant of `pid` (children first found via /proc). */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // exited meanwhile
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parentOf) {
      if (parent !== p) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

export class TestSshd {
  readonly host = "127.0.0.1";
  readonly user = userInfo().username;
  readonly privateKeyPath: string;
  hostKeyFingerprint = "";
  /** Everything sshd printed (-e), across restarts. */
  readonly log: string[] = [];
  private proc: ChildProcess | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.privateKeyPath = join(dir, "client_ed25519");
  }

  static async start(): Promise<TestSshd> {
    mkdirSync("/run/sshd", { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), "panel-sshd-"));
    const sshd = new TestSshd(dir, await freePort());
    keygen(sshd.privateKeyPath);
    writeFileSync(join(dir, "authorized_keys"), readFileSync(`${sshd.privateKeyPath}.pub`));
    sshd.hostKeyFingerprint = keygen(join(dir, "host_ed25519"));
    // SFTP through a link of this instance's own, so a test can find (and count) its sftp-server processes.
    symlinkSync("/usr/lib/openssh/sftp-server", join(dir, "sftp-server"));
    writeFileSync(
      join(dir, "sshd_config"),
      [
        `Port ${sshd.port}`,
        "ListenAddress 127.0.0.1",
        `HostKey ${join(dir, "host_ed25519")}`,
        `PidFile ${join(dir, "sshd.pid")}`,
        `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
        "StrictModes no",
        "UsePAM no",
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "AllowTcpForwarding yes",
        "MaxSessions 50",
        `Subsystem sftp ${join(dir, "sftp-server")}`,
        // Debian's bash sources ~/.bashrc for a command sshd starts unless SHLVL says it is not the
        // top-level shell; the test user's rc files (root's pyenv init, which waits up to 60 s on a
        // lock a killed session left) must not decide whether a test passes.
        "SetEnv SHLVL=1",
        "LogLevel VERBOSE",
        "",
      ].join("\n"),
    );
    await sshd.launch();
    return sshd;
  }

  /** A target for this server; `machine` names the pool entry. */
  target(overrides: Partial<SshTarget> = {}): SshTarget {
    return {
      machine: "test-sshd",
      host: this.host,
      port: this.port,
      user: this.user,
      hostKeyFingerprint: this.hostKeyFingerprint,
      privateKeyPath: this.privateKeyPath,
      ...overrides,
    };
  }

  /** How many logins sshd accepted so far (one per SSH connection). */
  acceptedLogins(): number {
    return this.log.filter((l) => l.includes("Accepted publickey")).length;
  }

  /** Kills sshd and every session it serves (like a host crash: connections drop at once). */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.pid === undefined) return;
    const exited = new Promise((r) => proc.once("exit", r));
    for (const pid of [proc.pid, ...descendants(proc.pid)]) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await exited;
    this.proc = null;
  }

  /** Stops and starts again on the same port, optionally with a NEW host key. */
  async restart(options: { newHostKey?: boolean } = {}): Promise<void> {
    await this.stop();
    if (options.newHostKey) this.hostKeyFingerprint = keygen(join(this.dir, "host_ed25519"));
    await this.launch();
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private launch(): Promise<void> {
    const proc = spawn(SSHD, ["-D", "-e", "-f", join(this.dir, "sshd_config")], { stdio: ["ignore", "pipe", "pipe"] });
    this.proc = proc;
    const from = this.log.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`sshd did not start:\n${this.log.join("\n")}`)), 10_000);
      const onText = (chunk: Buffer) => {
        for (const line of chunk.toString("utf8").split("\n")) if (line) this.log.push(line);
        if (this.log.slice(from).some((l) => l.includes(`Server listening on 127.0.0.1 port ${this.port}`))) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout?.on("data", onText);
      proc.stderr?.on("data", onText);
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`sshd exited with ${code}:\n${this.log.join("\n")}`));
      });
    });
  }
}

/** Starts a throwaway sshd; call `dispose()` when done. */
export function startSshd(): Promise<TestSshd> {
  return TestSshd.start();
}
