import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSshd, type TestSshd } from "../test/sshd";
import { ExecError } from "./errors";
import { exec } from "./exec";
import type { SshPool } from "./pool";
import { run } from "./run";
import { testPool } from "./test-support";

let sshd: TestSshd;
let pool: SshPool;

beforeAll(async () => {
  sshd = await startSshd();
  pool = testPool();
});
afterAll(async () => {
  pool?.closeAll();
  await sshd?.dispose();
});

describe("exec", () => {
  it("streams stdout and stderr lines in order, as they are printed", async () => {
    const seen: { stream: string; line: string; at: number }[] = [];
    const t0 = Date.now();
    const result = await exec(sshd.target(), {
      command: "for i in 1 2 3; do echo out$i; echo err$i >&2; sleep 0.3; done",
      pool,
      onLine: (stream, line) => void seen.push({ stream, line, at: Date.now() - t0 }),
    });
    expect(result).toEqual({ exitCode: 0, signal: null, stderrTail: "err1\nerr2\nerr3" });
    expect(seen.filter((s) => s.stream === "stdout").map((s) => s.line)).toEqual(["out1", "out2", "out3"]);
    expect(seen.filter((s) => s.stream === "stderr").map((s) => s.line)).toEqual(["err1", "err2", "err3"]);
    expect(seen.map((s) => s.line.slice(-1))).toEqual(["1", "1", "2", "2", "3", "3"]);
    const at = (line: string) => seen.find((s) => s.line === line)?.at ?? NaN;
    expect(at("out2") - at("out1")).toBeGreaterThan(200); // live, not all at the end
    expect(at("out3") - at("out2")).toBeGreaterThan(200);
  });

  it("ends with the exit status when a child left behind still holds the output (deploy-rs's waiter)", async () => {
    const tag = `held-${process.pid}-${Date.now()}`;
    const lines: string[] = [];
    // the leftover holds stdout and stderr open for 600 s: without the drain bound the call would
    // end only then (the test's own time-out comes first)
    const result = await exec(sshd.target(), {
      command: `(exec -a ${tag} sleep 600) & echo before-exit; exit 3`,
      pool,
      onLine: (_s, line) => void lines.push(line),
    });
    expect(result.exitCode).toBe(3);
    expect(lines).toEqual(["before-exit"]);
    const pattern = `[${tag[0]}]${tag.slice(1)}`; // does not match the pgrep/pkill command line itself
    const left = await run(sshd.target(), `pgrep -f '${pattern}' || true`, { pool });
    expect(left.trim()).not.toBe(""); // the leftover still runs: the call did not wait for it
    await run(sshd.target(), `pkill -f '${pattern}' || true`, { pool });
  });

  it("returns exit codes and reuses one connection across calls", async () => {
    const before = sshd.acceptedLogins();
    const first = await pool.client(sshd.target());
    expect((await exec(sshd.target(), { command: "true", pool })).exitCode).toBe(0);
    expect((await exec(sshd.target(), { command: "exit 3", pool })).exitCode).toBe(3);
    expect(await pool.client(sshd.target())).toBe(first);
    expect(sshd.acceptedLogins() - before).toBeLessThanOrEqual(1);
  });

  it("delivers 200,000 lines complete and in order", async () => {
    let count = 0;
    let inOrder = true;
    const result = await exec(sshd.target(), {
      command: "seq 200000",
      pool,
      onLine: (_stream, line) => {
        count += 1;
        if (line !== String(count)) inOrder = false;
      },
    });
    expect(result.exitCode).toBe(0);
    expect(count).toBe(200_000);
    expect(inOrder).toBe(true);
  });

  it("waits for an async consumer (backpressure) without losing or reordering lines", async () => {
    const lines: string[] = [];
    await exec(sshd.target(), {
      command: "seq 30000",
      pool,
      onLine: async (_s, line) => {
        lines.push(line);
        if (lines.length % 1000 === 0) await new Promise((r) => setTimeout(r, 5));
      },
    });
    expect(lines).toHaveLength(30_000);
    expect(lines.every((l, i) => l === String(i + 1))).toBe(true);
  });

  it("handles a final line without newline, CRLF and UTF-8", async () => {
    const lines: string[] = [];
    await exec(sshd.target(), { command: "printf 'a\\r\\nhé🙂\\nlast'", pool, onLine: (_s, l) => void lines.push(l) });
    expect(lines).toEqual(["a", "hé🙂", "last"]);
  });

  it("with a pty merges stderr into stdout and hides the PID marker", async () => {
    const seen: string[] = [];
    const result = await exec(sshd.target(), {
      command: "echo hi; echo oops >&2; exit 4",
      pool,
      pty: true,
      onLine: (stream, line) => void seen.push(`${stream}:${line}`),
    });
    expect(seen).toEqual(["stdout:hi", "stdout:oops"]);
    expect(result.exitCode).toBe(4);
  });

  it("stops the command when the consumer throws, and rejects with that error", async () => {
    const boom = new Error("disk full");
    await expect(
      exec(sshd.target(), {
        command: "seq 1000000",
        pool,
        onLine: (_s, l) => {
          if (l === "10") throw boom;
        },
      }),
    ).rejects.toBe(boom);
  });
});

describe("run", () => {
  it("returns stdout of a short command", async () => {
    expect(await run(sshd.target(), "echo one; echo two >&2; echo three", { pool })).toBe("one\nthree");
  });

  it("fails with ExecError carrying exit code and stderr tail", async () => {
    const err = await run(sshd.target(), "echo bad thing >&2; exit 3", { pool, label: "failing" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect(err).toMatchObject({ reason: "exit", code: "exec_exit", exitCode: 3, stderrTail: "bad thing", command: "failing" });
  });

  it("stops a command that prints too much", async () => {
    const err = await run(sshd.target(), "seq 100000000", { pool, maxOutputChars: 10_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: "output_too_large" });
  });
});
