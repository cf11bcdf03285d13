// The runner against the lab: real SSH, real nix, the deploy-rs stand-in, real systemd.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab } from "@/e2e/lab";
import { useTestDatabase } from "../test/db";
import type { SshPool } from "../ssh/pool";
import { trustHostKey } from "./host-keys";
import { expectStatus, labMachines, logText, waitForJob } from "../test/lab-jobs";
import type { LogLine } from "./log-store";
import { readLog } from "./log-read";
import { JobRunner } from "./runner";

const tdb = useTestDatabase();
let pool: SshPool;
let runner: JobRunner;
const nonce = () => `nonce=${Date.now()}`;

beforeAll(async () => {
  ({ pool } = await labMachines(tdb.client()));
  runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
  await runner.start();
});

afterAll(async () => {
  await runner?.shutdown(2000);
  pool?.closeAll();
});

describe("read-only jobs", () => {
  it("validates, and builds with every line stored in order, as streamed", async () => {
    const v = await runner.enqueue({ machine: "frame1", kind: "validate", args: {}, requestedById: null });
    const validated = await expectStatus(tdb.client(), v.id, "succeeded");
    expect(JSON.parse(validated.result)).toMatchObject({ drvPath: expect.stringMatching(/^\/nix\/store\/.*\.drv$/) });

    await lab.setVariant("frame1", "slow", { extra: ["seconds=3", nonce()] });
    const streamed: LogLine[] = [];
    let buildId = -1;
    runner.on("lines", ({ jobId, lines }) => jobId === buildId && streamed.push(...lines));
    const b = await runner.enqueue({ machine: "frame1", kind: "build", args: {}, requestedById: null });
    buildId = b.id;
    const built = await expectStatus(tdb.client(), b.id, "succeeded");
    expect(built.newSystem).toMatch(/^\/nix\/store\/[a-z0-9]{32}-/);
    const rows = await readLog(tdb.client(), b.id, 0, 1e9);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(streamed.map((l) => [l.seq, l.stream, l.text])).toEqual(rows.map((r) => [r.seq, r.stream, r.text]));
    const text = rows.map((r) => r.text).join("\n");
    for (const i of [1, 2, 3]) expect(text).toContain(`compiling slow-package part ${i}`);
    expect(text.indexOf("part 1")).toBeLessThan(text.indexOf("part 3"));
    expect(rows.some((r) => r.stream === "stdout" && r.text.includes(built.newSystem!))).toBe(true);
  });

  it("cancels a long build and leaves no process on the host", async () => {
    await lab.setVariant("frame1", "slow", { extra: ["seconds=120", nonce()] });
    const b = await runner.enqueue({ machine: "frame1", kind: "build", args: {}, requestedById: null });
    await lab.waitFor(
      "the slow build to log",
      async () => (await logText(tdb.client(), b.id)).some((t) => t.includes("compiling slow-package part 2")),
      90_000,
    );
    await runner.cancel(b.id, "Cancelled by the test.");
    const job = await expectStatus(tdb.client(), b.id, "cancelled");
    expect(job.message).toBe("Cancelled by the test.");
    await lab.waitFor(
      "no build process on frame1",
      async () => {
        const r = await lab.exec("frame1", "pgrep -af 'build-toplevel[.]sh|nixosConfigurations[.]frame1|slow-packag[e]' || true");
        return r.stdout.trim() === "" ? true : null;
      },
      20_000,
    );
  });
});

describe("host keys", () => {
  it("refuses a changed host key, naming both fingerprints, and records what was presented", async () => {
    const info = await lab.info();
    const [f1, f2] = ["frame1", "frame2"].map((n) => info.hosts.find((h) => h.name === n)!.hostKeyFingerprint);
    const j = await runner.enqueue({ machine: "frame1-rekeyed", kind: "validate", args: {}, requestedById: null });
    const job = await expectStatus(tdb.client(), j.id, "failed");
    expect(job.message).toContain("HOST KEY MISMATCH");
    expect(job.message).toContain(f1);
    expect(job.message).toContain(f2);
    const m = await tdb.client().machine.findUniqueOrThrow({ where: { name: "frame1-rekeyed" } });
    expect(m).toMatchObject({ hostKeyFingerprint: f2, presentedFingerprint: f1 });
  });

  it("an unknown key fails fast until an admin trusts the presented fingerprint", async () => {
    const j = await runner.enqueue({ machine: "frame1-new", kind: "generations", args: {}, requestedById: null });
    const job = await expectStatus(tdb.client(), j.id, "failed");
    expect(job.message).toContain("No host key is pinned");
    const { presentedFingerprint } = await tdb.client().machine.findUniqueOrThrow({ where: { name: "frame1-new" } });
    expect(presentedFingerprint).toMatch(/^SHA256:/);
    await trustHostKey(tdb.client(), "frame1-new", presentedFingerprint!);
    const again = await runner.enqueue({ machine: "frame1-new", kind: "generations", args: {}, requestedById: null });
    const ok = await expectStatus(tdb.client(), again.id, "succeeded");
    expect(JSON.parse(ok.result).generations.length).toBeGreaterThan(0);
  });
});

describe("restart", () => {
  it("a job left running by a runner that went away is interrupted by the next one", async () => {
    await lab.setVariant("frame1", "slow", { extra: ["seconds=120", nonce()] });
    const first = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
    await first.start();
    const j = await first.enqueue({ machine: "frame1", kind: "build", args: {}, requestedById: null });
    await waitForJob(tdb.client(), j.id, ["running"]);
    const second = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
    const report = await second.start();
    expect(report.interrupted).toContain(j.id);
    // The old runner's process is still here in the test: stop its build; the verdict must stand.
    await first.cancel(j.id, "old runner cleaned up");
    await first.idle();
    const job = await waitForJob(tdb.client(), j.id, ["interrupted"]);
    expect(job.message).toContain("outcome is unknown");
    await second.shutdown(100);
  });
});
