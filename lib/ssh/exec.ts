import "server-only";
// Runs one command on a machine, streaming its output as lines; cancel, timeout and connection loss
// always end the call (never a hang) and never leave the remote process group running on purpose.
import type { Client, ClientChannel } from "ssh2";
import { LineDelivery, type OnLine } from "./delivery";
import { ExecError } from "./errors";
import { ExecSession, type EarlyEvents, type ExecResult } from "./exec-session";
import { withPidMarker } from "./process-group";
import { sshPool, type SshPool } from "./pool";
import type { SshTarget } from "./target";

export type { ExecResult } from "./exec-session";
export type { OnLine, OutputStream } from "./delivery";

export type ExecOptions = {
  /** A complete, already quoted shell command (built by lib/commands). */
  command: string;
  /** Short description for errors and logs; defaults to the start of the command. */
  label?: string;
  /** Called per line, in order. Return a promise to apply backpressure. Throwing stops the command. */
  onLine?: OnLine;
  /** Called once the remote shell announced its PID (= its process group); e.g. to record it. */
  onRemotePid?: (pid: number) => void;
  /** Aborting kills the remote process group; exec then rejects with ExecError reason "cancelled". */
  signal?: AbortSignal;
  /** Kills the command after this long; exec rejects with ExecError reason "timeout". */
  timeoutMs?: number;
  /** Allocate a pseudo-terminal (stderr is then merged into stdout). */
  pty?: boolean;
  /** Defaults to the process-wide pool. */
  pool?: SshPool;
};

export function describeCommand(command: string): string {
  const one = command.replace(/\s+/g, " ").trim();
  return one.length > 120 ? `${one.slice(0, 117)}...` : one;
}

/** Rejects as soon as the signal aborts (the connection attempt itself carries on for the pool). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, error: () => Error): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(error());
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Resolves with the exit status (also for non-zero exits). Rejects with ExecError for cancel,
 * timeout, a lost connection or a failure to start, and with connection errors from the pool
 * (SshConnectError, HostKeyUnknownError, HostKeyMismatchError).
 */
type OpenedChannel = { channel: ClientChannel; early: EarlyEvents };

export async function exec(target: SshTarget, options: ExecOptions): Promise<ExecResult> {
  const label = options.label ?? describeCommand(options.command);
  if (options.command.trim() === "") throw new ExecError("start_failed", "empty command", { command: label });
  const cancelled = () => new ExecError("cancelled", "cancelled before it started", { command: label });
  if (options.signal?.aborted) throw cancelled();

  const pool = options.pool ?? sshPool();
  const connect = async (): Promise<Client> => {
    const c = await untilAborted(pool.client(target), options.signal, cancelled);
    if (options.signal?.aborted) throw cancelled();
    return c;
  };
  // A fast command's exit status (and close) can arrive in the same packet batch as the session's
  // opening, before `await` hands the channel on: they are caught here, in ssh2's callback.
  const openChannel = (c: Client) =>
    new Promise<OpenedChannel>((resolve, reject) => {
      try {
        c.exec(withPidMarker(options.command), { pty: options.pty ?? false }, (err, stream) => {
          if (err) return reject(err);
          const opened: OpenedChannel = { channel: stream, early: { exit: null, closed: false } };
          stream.once(
            "exit",
            (code: number | null, signal?: string) => (opened.early.exit = { code: code ?? null, signal: signal ?? null }),
          );
          stream.once("close", () => (opened.early.closed = true));
          resolve(opened);
        });
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  let client = await connect();
  let channel: OpenedChannel;
  try {
    channel = await openChannel(client);
  } catch {
    // A session that could not be opened ran nothing remotely: try once more shortly (the pool
    // reconnects if the connection died; a live one is kept, other sessions may be using it).
    await new Promise((r) => setTimeout(r, 300));
    client = await connect();
    try {
      channel = await openChannel(client);
    } catch (err) {
      throw new ExecError("start_failed", `could not open a session: ${err instanceof Error ? err.message : String(err)}`, {
        command: label,
      });
    }
  }

  const session = new ExecSession(client, channel.channel, channel.early, {
    label,
    pty: options.pty ?? false,
    killGraceMs: pool.settings.killGraceMs,
  });
  const delivery = new LineDelivery(
    options.onLine ?? (() => {}),
    () => session.pause(),
    () => session.resume(),
    (err) => session.stop({ kind: "consumer", error: err }),
  );
  session.onLine = (stream, line) => delivery.push(stream, line);
  session.whenDrained = () => delivery.idle();
  if (options.onRemotePid) session.onPid = options.onRemotePid;

  const onAbort = () => session.stop({ kind: "cancelled" });
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) onAbort(); // aborted while the session was opening
  const timer =
    options.timeoutMs !== undefined
      ? setTimeout(() => session.stop({ kind: "timeout", ms: options.timeoutMs ?? 0 }), options.timeoutMs)
      : null;
  try {
    return await session.done;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    if (timer) clearTimeout(timer);
  }
}
