// Recovery after a crash, on a lab host: a panel process running a long build is killed with
// SIGKILL (nothing of it cleans up; its SSH connection just drops), the build goes on on the host,
// and the next panel's start-up kills it there and says so in the job's log.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab, type LabInfo } from "@/e2e/lab";
import { useTestDatabase } from "../test/db";
import type { SshPool } from "../ssh/pool";
import { labMachines, logText, waitForJob } from "../test/lab-jobs";
import { JobRunner } from "./runner";

const tdb = useTestDatabase();
let info: LabInfo;
let pool: SshPool;
let crashed: ChildProcess | null = null;
const BUILD = "pgrep -af 'build-toplevel[.]sh|nixosConfigurations[.]frame1|slow-packag[e]' || true";

beforeAll(async () => {
  ({ info, pool } = await labMachines(tdb.client()));
});

afterAll(() => {
  crashed?.kill("SIGKILL");
  pool?.closeAll();
});

/** A separate panel process that starts a job; resolves with the job id. */
function crashingPanel(kind: string): Promise<number> {
  crashed = spawn(
    process.execPath,
    [
      "--require",
      "./scripts/server-only-preload.cjs",
      "--import",
      "tsx",
      "lib/jobs/crashing-panel.test-support.ts",
      tdb.url(),
      info.privateKeyPath,
      "frame1",
      kind,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const child = crashed;
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the panel process exited ${code} before starting the job`)));
    createInterface({ input: child.stdout! }).once("line", (line) => resolve((JSON.parse(line) as { id: number }).id));
  });
}

describe("recovery after a crash", () => {
  it("kills the build an interrupted job left running on its host", async () => {
    await lab.setVariant("frame1", "slow", { extra: ["seconds=240", `nonce=${Date.now()}`] });
    const id = await crashingPanel("build");
    await lab.waitFor(
      "the slow build to log",
      async () => (await logText(tdb.client(), id)).some((t) => t.includes("compiling slow-package part 2")),
      120_000,
    );
    const { remotePid } = await tdb.client().job.findUniqueOrThrow({ where: { id } });
    expect(remotePid).toBeGreaterThan(1);

    crashed!.kill("SIGKILL");
    await new Promise((r) => crashed!.once("exit", r));
    crashed = null;
    // The crash alone stops nothing on the host: sshd drops the session (no pty, so no SIGHUP) and
    // the build's process group goes on (recovery below finds it alive: "terminated", not "gone").
    const parentOf = `p=$(ps -o ppid= -p ${remotePid}) && ps -o comm= -p $p || echo none`;
    await lab.waitFor(
      "sshd to drop the crashed panel's session",
      async () => (/sshd/.test((await lab.exec("frame1", parentOf)).stdout) ? null : true),
      30_000,
    );
    expect((await lab.exec("frame1", BUILD)).stdout.trim()).not.toBe("");
    expect((await tdb.client().job.findUniqueOrThrow({ where: { id } })).status).toBe("running");

    const runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
    const startedAt = Date.now();
    const report = await runner.start();
    expect(report.interrupted).toEqual([id]);
    const [result] = await runner.leftovers();
    console.log(`recovery: start() ${Date.now() - startedAt} ms until leftovers() resolved: ${result?.note}`);
    expect(result, result?.note).toMatchObject({ id, host: "frame1", outcome: expect.stringMatching(/^(terminated|killed)$/) });

    await lab.waitFor(
      "no build process on frame1",
      async () => ((await lab.exec("frame1", BUILD)).stdout.trim() === "" ? true : null),
      30_000,
    );
    expect((await lab.exec("frame1", `kill -0 -- -${remotePid} 2>/dev/null && echo alive || echo gone`)).stdout.trim()).toBe("gone");
    const job = await waitForJob(tdb.client(), id, ["interrupted"]);
    expect(job.message).toContain("outcome is unknown");
    expect((await logText(tdb.client(), id)).at(-1)).toMatch(
      new RegExp(`^Recovery: stopped what this job left running on frame1 \\(process group ${remotePid}, SIG(TERM|KILL)`),
    );
    await runner.shutdown(100);
  });
});
