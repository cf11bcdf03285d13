import "server-only";
// One ssh2 Client per machine, reused across calls; reconnects (with backoff) on the next use after
// a drop. Lives on globalThis because Next's bundle and server.ts both evaluate this module.
import type { Duplex } from "node:stream";
import type { Client } from "ssh2";
import { connectOnce } from "./connect";
import { SshConnectError } from "./errors";
import { sshSettingsFromEnv, type SshSettings } from "./settings";
import { describeTarget, targetIdentity, type SshTarget } from "./target";

type Entry = { identity: string; client: Client | null; connecting: Promise<Client> | null };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SshPool {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly settings: SshSettings) {}

  /** The live connection for this machine, connecting (or reconnecting) when there is none. */
  async client(target: SshTarget): Promise<Client> {
    const identity = targetIdentity(target);
    let entry = this.entries.get(target.machine);
    if (entry && entry.identity !== identity) {
      this.close(target.machine); // host, key or pin changed in the inventory
      entry = undefined;
    }
    if (entry?.client) return entry.client;
    if (entry?.connecting) return entry.connecting;

    const fresh: Entry = { identity, client: null, connecting: null };
    this.entries.set(target.machine, fresh);
    fresh.connecting = this.connectWithRetry(target).then(
      (client) => this.adopt(target.machine, fresh, client),
      (err: unknown) => {
        if (this.entries.get(target.machine) === fresh) this.entries.delete(target.machine);
        throw err;
      },
    );
    return fresh.connecting;
  }

  /** True when a connection for this machine is open right now (without connecting). */
  isConnected(machine: string): boolean {
    return Boolean(this.entries.get(machine)?.client);
  }

  close(machine: string): void {
    const entry = this.entries.get(machine);
    this.entries.delete(machine);
    entry?.client?.end();
  }

  closeAll(): void {
    for (const machine of [...this.entries.keys()]) this.close(machine);
  }

  private adopt(machine: string, entry: Entry, client: Client): Client {
    client.on("error", () => {}); // a drop also emits "close", handled below
    client.setMaxListeners(100); // each running exec listens for "close"
    if (this.entries.get(machine) !== entry) {
      client.end();
      throw new SshConnectError("-", 0, `connection to ${machine} was closed while it was being opened`, false);
    }
    entry.client = client;
    entry.connecting = null;
    const forget = () => {
      if (this.entries.get(machine) === entry) this.entries.delete(machine);
    };
    client.once("close", forget).once("end", forget);
    return client;
  }

  private async connectWithRetry(target: SshTarget): Promise<Client> {
    const attempts = this.settings.connectAttempts;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.connectVia(target);
      } catch (err) {
        const retry = err instanceof SshConnectError && err.transient && attempt < attempts;
        if (!retry) {
          if (err instanceof SshConnectError && err.transient && attempts > 1)
            throw new SshConnectError(target.host, target.port, `${err.reason} (gave up after ${attempts} attempts)`);
          throw err;
        }
        await sleep(this.settings.backoffBaseMs * 2 ** (attempt - 1));
      }
    }
  }

  private async connectVia(target: SshTarget): Promise<Client> {
    const via = target.jump;
    if (!via) return connectOnce(target, this.settings);
    const jump = await this.client(via);
    const sock = await new Promise<Duplex>((resolve, reject) =>
      jump.forwardOut("127.0.0.1", 0, target.host, target.port, (err, stream) => {
        if (err) reject(new SshConnectError(target.host, target.port, `jump host ${describeTarget(via)} cannot reach it: ${err.message}`));
        else resolve(stream);
      }),
    );
    return connectOnce(target, this.settings, sock);
  }
}

export function createSshPool(settings: Partial<SshSettings> = {}): SshPool {
  return new SshPool({ ...sshSettingsFromEnv(), ...settings });
}

const KEY = Symbol.for("homelab-panel.ssh-pool");
type Holder = { [KEY]?: SshPool };

/** The process-wide pool. */
export function sshPool(): SshPool {
  const holder = globalThis as Holder;
  holder[KEY] ??= createSshPool();
  return holder[KEY];
}
