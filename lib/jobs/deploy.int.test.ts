// Deploys, rollbacks and the per-machine queue against the lab (deploy-rs stand-in, real systemd).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab } from "@/e2e/lab";
import { useTestDatabase } from "../test/db";
import type { SshPool } from "../ssh/pool";
import { expectStatus, labMachines, waitForJob } from "./lab-fixture";
import { JobRunner } from "./runner";

const tdb = useTestDatabase();
let pool: SshPool;
let runner: JobRunner;
const start = (kind: "deploy" | "rollback" | "generations", args: object = {}) =>
  runner.enqueue({ machine: "frame1", kind, args, requestedById: null });
const current = async () => (await lab.run("frame1", "readlink -f /run/current-system")).trim();
const grafanaStarted = async () => (await lab.run("frame1", "systemctl show -p ActiveEnterTimestampMonotonic --value grafana")).trim();

beforeAll(async () => {
  ({ pool } = await labMachines(tdb.client()));
  runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
  await runner.start();
});

afterAll(async () => {
  await runner?.shutdown(2000);
  pool?.closeAll();
});

describe("deploy", () => {
  let basePath = "";
  let changedPath = "";

  it("deploys base, then changed: the system changes and grafana restarts", async () => {
    await lab.setVariant("frame1", "base", { extra: [`nonce=${Date.now()}`] });
    const base = await expectStatus(tdb.client(), (await start("deploy")).id, "succeeded");
    basePath = base.newSystem!;
    expect(await current()).toBe(basePath);
    expect(base.oldSystem).toMatch(/^\/nix\/store\//);

    const before = await grafanaStarted();
    await lab.setVariant("frame1", "changed", { extra: [`nonce=${Date.now()}`] });
    const changed = await expectStatus(tdb.client(), (await start("deploy")).id, "succeeded");
    changedPath = changed.newSystem!;
    expect(changed.oldSystem).toBe(basePath);
    expect(changedPath).not.toBe(basePath);
    expect(await current()).toBe(changedPath);
    expect(await grafanaStarted()).not.toBe(before);
  });

  it("a broken configuration ends rolled-back with the old system still active", async () => {
    await lab.setVariant("frame1", "broken", { extra: [`nonce=${Date.now()}`] });
    const job = await expectStatus(tdb.client(), (await start("deploy")).id, "rolled-back");
    expect(job.oldSystem).toBe(changedPath);
    expect(job.newSystem).toBe(changedPath);
    expect(job.exitCode).not.toBe(0);
    expect(await current()).toBe(changedPath);
  });

  it("rolls back to an older generation by number", async () => {
    const gens = await expectStatus(tdb.client(), (await start("generations")).id, "succeeded");
    const list = (JSON.parse(gens.result) as { generations: { number: number; current: boolean }[] }).generations;
    const cur = list.find((g) => g.current)!;
    const previous = list.filter((g) => g.number < cur.number).at(-1)!;
    const job = await expectStatus(tdb.client(), (await start("rollback", { generation: previous.number })).id, "succeeded");
    expect(job.oldSystem).toBe(changedPath);
    expect(job.newSystem).toBe(basePath);
    expect(await current()).toBe(basePath);
  });

  it("queues a second deploy behind the first; read-only jobs do not wait; a queued job can be cancelled", async () => {
    await lab.setVariant("frame1", "base");
    const first = await start("deploy");
    const second = await start("deploy");
    const third = await start("deploy");
    expect(first.position).toBeNull();
    expect(second.position).toBe(1);
    expect(third.position).toBe(2);
    expect(runner.position(second.id)).toBe(1);
    await runner.cancel(third.id, "not needed");
    expect((await waitForJob(tdb.client(), third.id, ["cancelled"])).startedAt).toBeNull();

    const gens = await start("generations");
    expect(gens.position).toBeNull();
    const listed = await expectStatus(tdb.client(), gens.id, "succeeded");
    const a = await expectStatus(tdb.client(), first.id, "succeeded");
    const b = await expectStatus(tdb.client(), second.id, "succeeded");
    expect(b.startedAt!.getTime()).toBeGreaterThanOrEqual(a.finishedAt!.getTime());
    expect(listed.finishedAt!.getTime()).toBeLessThan(a.finishedAt!.getTime());
    expect(await runner.cancel(first.id, "late")).toBe("already-ended");
  });
});
