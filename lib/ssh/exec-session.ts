import "server-only";
// The state of one running remote command: output lines, the PID marker, exit status, stopping
// (cancel / timeout / consumer failure) and connection loss. exec.ts wires it up.
import type { Client, ClientChannel } from "ssh2";
import type { OutputStream } from "./delivery";
import { ExecError } from "./errors";
import { LineSplitter } from "./lines";
import { killProcessGroup, parsePidMarker } from "./process-group";

export type ExecResult = { exitCode: number | null; signal: string | null; stderrTail: string };
/** What the channel said before the session was set up on it (see exec.ts openChannel). */
export type EarlyEvents = { exit: { code: number | null; signal: string | null } | null; closed: boolean };

export type StopReason = { kind: "cancelled" } | { kind: "timeout"; ms: number } | { kind: "consumer"; error: unknown };

const TAIL_LINES = 20;
/**
 * How long output may still come after the command's exit status. A program that exits while a
 * child it left behind still holds its stdout/stderr (deploy-rs leaves its ssh waiter running for
 * up to 240 s after a failed activation) keeps sshd's channel open; the command is over, so after
 * this grace the channel is closed and the result stands.
 */
export const EXIT_DRAIN_MS = 5_000;

export class ExecSession {
  onLine: (stream: OutputStream, line: string) => void = () => {};
  onPid: (pid: number) => void = () => {};
  whenDrained: () => Promise<void> = () => Promise.resolve();
  readonly done: Promise<ExecResult>;

  private settle!: (result: ExecResult | Error) => void;
  private settled = false;
  private pid: number | null = null;
  private markerLooks = 0;
  private exit: { code: number | null; signal: string | null } | null = null;
  private stopReason: StopReason | null = null;
  private killing = false;
  private connectionLost = false;
  private mainClosed = false;
  private errEnded = false;
  private readonly tail: string[] = [];
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly client: Client,
    private readonly channel: ClientChannel,
    early: EarlyEvents,
    private readonly opts: { label: string; pty: boolean; killGraceMs: number },
  ) {
    this.done = new Promise<ExecResult>((resolve, reject) => {
      this.settle = (r) => (r instanceof Error ? reject(r) : resolve(r));
    });
    const out = new LineSplitter((line) => this.line("stdout", line));
    const err = new LineSplitter((line) => this.line("stderr", line));
    channel.on("data", (b: Buffer) => out.push(b));
    channel.stderr.on("data", (b: Buffer) => err.push(b));
    channel.on("error", () => {}); // surfaced through close / connection loss
    this.exit = early.exit;
    this.mainClosed = early.closed;
    if (this.exit) this.drainAfterExit();
    channel.on("exit", (code: number | null, signal?: string) => {
      this.exit = { code: code ?? null, signal: signal ?? null };
      this.drainAfterExit();
    });
    channel.on("end", () => out.end());
    channel.stderr.on("end", () => {
      err.end();
      this.errEnded = true;
      if (this.mainClosed) void this.finish();
    });
    channel.once("close", () => {
      this.mainClosed = true;
      if (this.errEnded) void this.finish();
    });
    client.once("close", this.onClientClose);
  }

  pause(): void {
    this.channel.pause();
    this.channel.stderr.pause();
  }

  resume(): void {
    this.channel.resume();
    this.channel.stderr.resume();
  }

  /** Stops the command: kills its process group (now, or as soon as its PID is known). */
  stop(reason: StopReason): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    if (this.settled) return; // a consumer failing while the last lines drain still wins
    if (this.pid !== null) this.kill();
    // Whatever happens remotely, the call ends: close our side and settle after the grace period.
    this.later(this.opts.killGraceMs + 5_000, () => {
      try {
        this.channel.close();
      } catch {
        // the connection is already gone
      }
      void this.finish();
    });
  }

  private drainAfterExit(): void {
    this.later(EXIT_DRAIN_MS, () => {
      if (this.settled) return;
      try {
        this.channel.close();
      } catch {
        // the connection is already gone
      }
      void this.finish();
    });
  }

  private readonly onClientClose = () => {
    this.connectionLost = true;
    this.later(1_000, () => void this.finish()); // ssh2 closes the channels too; this is a backstop
  };

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(fn, ms);
    t.unref();
    this.timers.push(t);
  }

  private kill(): void {
    if (this.killing || this.pid === null) return;
    this.killing = true;
    void killProcessGroup(this.client, this.pid, this.opts.killGraceMs);
  }

  private line(stream: OutputStream, line: string): void {
    // Login scripts (~/.bashrc) may print before the marker, so look at the first few lines.
    if (this.pid === null && this.markerLooks < 100 && stream === (this.opts.pty ? "stdout" : "stderr")) {
      this.markerLooks += 1;
      const pid = parsePidMarker(line);
      if (pid !== null) {
        this.pid = pid;
        if (this.stopReason) this.kill();
        this.onPid(pid);
        return;
      }
    }
    if (stream === "stderr") {
      this.tail.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
      if (this.tail.length > TAIL_LINES) this.tail.shift();
    }
    this.onLine(stream, line);
  }

  private async finish(): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    this.client.removeListener("close", this.onClientClose);
    await this.whenDrained();
    for (const t of this.timers) clearTimeout(t);
    this.settle(this.outcome());
  }

  private outcome(): ExecResult | Error {
    const stderrTail = this.tail.join("\n");
    const details = { command: this.opts.label, exitCode: this.exit?.code, signal: this.exit?.signal, stderrTail, remotePid: this.pid };
    const reason = this.stopReason;
    if (reason?.kind === "consumer") return reason.error instanceof Error ? reason.error : new Error(String(reason.error));
    if (this.exit === null && this.connectionLost)
      return new ExecError("connection_lost", "connection lost while the command was running", details);
    // sshd always sends an exit status or signal before closing a session; a session closed without
    // one was torn down with its connection (ssh2 closes the channels before the client's "close").
    if (this.exit === null && reason === null)
      return new ExecError("connection_lost", "the session ended without an exit status (connection lost)", details);
    if (reason?.kind === "cancelled") return new ExecError("cancelled", "cancelled", details);
    if (reason?.kind === "timeout") return new ExecError("timeout", `timed out after ${reason.ms / 1000} s`, details);
    return { exitCode: this.exit?.code ?? null, signal: this.exit?.signal ?? null, stderrTail };
  }
}
