// bench:fleet's view of the live page: one socket.io client with a session of its own (machines'
// checks are not shown to anonymous viewers) that records when each machine's SSH check is first pushed as down, and
// subscribes to the units of every machine (what a viewer of each machine page starts).
import { io as connect, type Socket } from "socket.io-client";

type Result = { status: string; detail: string };
type Units = { machine: string; error: string | null };

export class FleetWatch {
  /** Machine name -> ms after `since` when its check was first seen down, and why. */
  readonly down = new Map<string, { ms: number; detail: string }>();
  readonly units = new Map<string, Units>();
  /** Every machine's latest pushed result (for the report when something is not seen). */
  readonly latest = new Map<string, Result>();
  private socket: Socket | null = null;

  constructor(private readonly since: number) {}

  /** Logs in, connects and subscribes to the dashboard's health (called when the server listens). */
  async start(origin: string, cookie: string): Promise<void> {
    const s = connect(origin, { transports: ["websocket"], forceNew: true, reconnection: true, extraHeaders: { cookie } });
    this.socket = s;
    const seen = (results: Record<string, Result>) => {
      for (const [key, r] of Object.entries(results)) {
        if (!key.startsWith("machine:")) continue;
        const name = key.slice("machine:".length);
        this.latest.set(name, r);
        if (r.status !== "down") continue;
        if (!this.down.has(name)) this.down.set(name, { ms: Date.now() - this.since, detail: r.detail });
      }
    };
    s.on("connect", () => s.emit("dashboard:subscribe"));
    s.on("health:snapshot", seen);
    s.on("health:update", seen);
    s.on("units:state", (u: Units) => this.units.set(u.machine, u));
  }

  /** Subscribes to the units of every machine; resolves with the acks (a first viewer waits up to 3 s). */
  async subscribeUnits(machines: string[]): Promise<void> {
    const s = this.socket;
    if (!s) throw new Error("watch not started");
    if (!s.connected) await new Promise<void>((ok) => s.once("connect", () => ok()));
    await Promise.all(
      machines.map(
        (machine) =>
          new Promise<void>((ok) =>
            s.timeout(30_000).emit("units:subscribe", { machine }, (err: unknown, ack?: { ok: boolean; state?: Units | null }) => {
              if (!err && ack?.ok && ack.state) this.units.set(machine, ack.state);
              ok();
            }),
          ),
      ),
    );
  }

  async until(what: string, test: () => boolean, timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!test()) {
      if (Date.now() > end) throw new Error(`bench:fleet: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): void {
    this.socket?.close();
  }
}
