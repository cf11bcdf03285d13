import "server-only";
// One poller per machine: `systemctl show` for the units of its inventory services about every
// second, a "state" event only when something changed. An unreachable machine gives a state with
// the error text and is retried with backoff.
import { EventEmitter } from "node:events";
import { commandLine, systemctlShow } from "../commands";
import { parseSystemctlShow } from "../systemd/show";
import { explainError } from "../machine/explain-error";
import type { SshTarget } from "../ssh/target";
import type { WireUnit, WireUnits } from "./events";
import type { UnitSource } from "./unit-source";

export type UnitPollerDeps = {
  load(machine: string): Promise<UnitSource>;
  /** Runs a command and returns its stdout; rejects on failure. */
  run(target: SshTarget, command: string, signal: AbortSignal): Promise<string>;
  intervalMs: number;
  maxBackoffMs: number;
};

const unknown = (service: string, unit: string): WireUnit => ({
  service,
  unit,
  activeState: "unknown",
  subState: "unknown",
  since: null,
  mainPid: null,
  restarts: null,
  memoryBytes: null,
});

/** The same state apart from when it was read. */
const key = (s: WireUnits) => JSON.stringify([s.units, s.error]);

export class UnitPoller extends EventEmitter<{ state: [WireUnits] }> {
  current: WireUnits | null = null;
  /** How many times `systemctl show` ran (tests: one poller per machine). */
  polls = 0;
  private readonly stopper = new AbortController();
  private running = false;

  constructor(
    readonly machine: string,
    private readonly deps: UnitPollerDeps,
  ) {
    super();
  }

  start(): void {
    if (this.running || this.stopper.signal.aborted) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.stopper.abort();
    this.removeAllListeners();
  }

  get stopped(): boolean {
    return this.stopper.signal.aborted;
  }

  /** Resolves once the first state is known (or the poller stopped). */
  async first(): Promise<WireUnits | null> {
    if (this.current || this.stopped) return this.current;
    return new Promise((resolve) => {
      const done = () => resolve(this.current);
      this.once("state", done);
      this.stopper.signal.addEventListener("abort", done, { once: true });
    });
  }

  private async loop(): Promise<void> {
    let delay = this.deps.intervalMs;
    while (!this.stopped) {
      let next: WireUnits;
      try {
        next = await this.read();
        delay = this.deps.intervalMs;
      } catch (err) {
        if (this.stopped) return;
        const services = await this.deps.load(this.machine).then(
          (s) => s.services,
          () => [],
        );
        next = {
          machine: this.machine,
          units: services.map((s) => unknown(s.service, s.unit)),
          at: new Date().toISOString(),
          error: message(err),
        };
        delay = Math.min(delay * 2, this.deps.maxBackoffMs);
      }
      if (this.stopped) return;
      if (!this.current || key(this.current) !== key(next)) {
        this.current = next;
        this.emit("state", next);
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, delay);
        this.stopper.signal.addEventListener("abort", () => (clearTimeout(t), r()), { once: true });
      });
    }
  }

  private async read(): Promise<WireUnits> {
    const source = await this.deps.load(this.machine);
    const at = new Date().toISOString();
    if (source.services.length === 0) return { machine: this.machine, units: [], at, error: null };
    if (!source.target) throw new Error(`${this.machine} has no SSH host or user in the inventory.`);
    const names = [...new Set(source.services.map((s) => s.unit))];
    this.polls += 1;
    const out = await this.deps.run(source.target, commandLine(systemctlShow({ sshUser: source.sshUser }, names)), this.stopper.signal);
    // One block per name, in order; the Id may differ from the name asked for (an alias such as
    // sshd.service -> ssh.service), so pair by position when every block came back.
    const blocks = parseSystemctlShow(out).units;
    const byName = new Map(blocks.length === names.length ? names.map((n, i) => [n, blocks[i]]) : blocks.map((u) => [u.id, u]));
    const units = source.services.map(({ service, unit }): WireUnit => {
      const u = byName.get(unit);
      if (!u) return unknown(service, unit);
      return {
        service,
        unit,
        activeState: u.activeState,
        subState: u.subState,
        since: u.since,
        mainPid: u.mainPid,
        restarts: u.restarts,
        memoryBytes: mib(u.memoryBytes),
      };
    });
    return { machine: this.machine, units, at, error: null };
  }
}

/** Memory to whole MiB, so a few pages more or less is not a change worth pushing. */
const mib = (b: number | null) => (b === null ? null : Math.round(b / 1048576) * 1048576);

/** What the tile's tooltip says: the explanation (a missing key says where to create it), never only an errno. */
function message(err: unknown): string {
  const text = explainError(err).text;
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
