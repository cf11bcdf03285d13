import "server-only";
// For short commands whose output is parsed: collect stdout (bounded), fail on a non-zero exit.
import { ExecError } from "./errors";
import { describeCommand, exec, type ExecOptions } from "./exec";
import type { SshTarget } from "./target";

export const RUN_MAX_OUTPUT_CHARS = 4 * 1024 * 1024;

export type RunOptions = Pick<ExecOptions, "label" | "signal" | "pool"> & {
  /** Default 60 s. */
  timeoutMs?: number;
  /** More stdout than this stops the command with ExecError reason "output_too_large". */
  maxOutputChars?: number;
};

/** Runs `command` and returns its stdout (lines joined with "\n", no trailing newline). */
export async function run(target: SshTarget, command: string, options: RunOptions = {}): Promise<string> {
  const label = options.label ?? describeCommand(command);
  const max = options.maxOutputChars ?? RUN_MAX_OUTPUT_CHARS;
  const lines: string[] = [];
  let size = 0;
  const stopper = new AbortController();
  const onOuterAbort = () => stopper.abort();
  options.signal?.addEventListener("abort", onOuterAbort, { once: true });
  try {
    const result = await exec(target, {
      command,
      label,
      pool: options.pool,
      signal: stopper.signal,
      timeoutMs: options.timeoutMs ?? 60_000,
      onLine: (stream, line) => {
        if (stream !== "stdout" || size > max) return;
        size += line.length + 1;
        if (size > max) stopper.abort();
        else lines.push(line);
      },
    }).catch((err: unknown) => {
      if (size > max && err instanceof ExecError && err.reason === "cancelled")
        throw new ExecError("output_too_large", `printed more than ${max} characters`, { command: label });
      throw err;
    });
    if (result.exitCode !== 0)
      throw new ExecError(
        "exit",
        result.exitCode === null ? `killed by ${result.signal ?? "an unknown signal"}` : `exited with status ${result.exitCode}`,
        { command: label, exitCode: result.exitCode, signal: result.signal, stderrTail: result.stderrTail },
      );
    return lines.join("\n");
  } finally {
    options.signal?.removeEventListener("abort", onOuterAbort);
  }
}
