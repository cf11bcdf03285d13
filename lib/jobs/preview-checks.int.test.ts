// Preview (diff-closures + dry-activate units) stored with builds, post-deploy checks stored with
// deploys and rollbacks, and refusing a second change while one runs: against the lab's frame1.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab } from "@/e2e/lab";
import { ConflictError } from "../errors";
import type { SshPool } from "../ssh/pool";
import { useTestDatabase } from "../test/db";
import type { PostChecks } from "./check-results";
import { expectStatus, labMachines, waitForJob } from "../test/lab-jobs";
import type { Preview } from "./preview";
import { JobRunner } from "./runner";

const tdb = useTestDatabase();
let pool: SshPool;
let runner: JobRunner;
let http: Server;
const start = (kind: "build" | "dry-run" | "deploy" | "rollback" | "generations", args: object = {}, exclusive = false) =>
  runner.enqueue({ machine: "frame1", kind, args, requestedById: null, exclusive });
const resultOf = <T>(job: { result: string }, key: string) => (JSON.parse(job.result) as Record<string, T>)[key];
const current = async () => (await lab.run("frame1", "readlink -f /run/current-system")).trim();

beforeAll(async () => {
  ({ pool } = await labMachines(tdb.client()));
  http = createServer((_req, res) => res.end("ok"));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const port = (http.address() as AddressInfo).port;
  const frame1 = await tdb.client().machine.findUniqueOrThrow({ where: { name: "frame1" } });
  const svc = (slug: string, data: object) => tdb.client().service.create({ data: { slug, name: slug, machineId: frame1.id, ...data } });
  await svc("grafana", { unit: "grafana.service", checkType: "http", checkTarget: `http://127.0.0.1:${port}/api/health` });
  await svc("loki", { unit: "loki.service", url: "https://logs.example.invalid/" });
  runner = new JobRunner({
    db: tdb.client(),
    databaseUrl: tdb.url(),
    pool,
    settings: { flushMs: 50, checks: { allow: "127.0.0.0/8", httpTimeoutMs: 3000, settleMs: 5000 } },
  });
  await runner.start();
  await lab.healUnit("frame1", "loki");
  await lab.setVariant("frame1", "base", { extra: [`nonce=${Date.now()}`] });
  await expectStatus(tdb.client(), (await start("deploy")).id, "succeeded");
});

afterAll(async () => {
  await runner?.shutdown(2000);
  pool?.closeAll();
  http?.close();
  await lab.healUnit("frame1", "loki").catch(() => {});
});

describe("preview", () => {
  it("a build of the changed variant previews grafana's restart and compares closures with the running system", async () => {
    const running = await current();
    await lab.setVariant("frame1", "changed", { extra: [`nonce=${Date.now()}`] });
    const job = await expectStatus(tdb.client(), (await start("build")).id, "succeeded");
    const preview = resultOf<Preview>(job, "preview");
    expect(preview.currentSystem).toBe(running);
    expect(preview.builtPath).toBe(job.newSystem);
    expect(preview.activation).toEqual({
      stop: [],
      restart: ["grafana.service"],
      reload: [],
      start: [],
      keep: [],
      unrecognised: { count: 0, sample: [] },
    });
    expect(preview.closure?.unrecognised).toEqual({ count: 0, sample: [] });
    expect(preview.closureError).toBeNull();
    expect(preview.closure).not.toBeNull();
    expect(await current()).toBe(running); // a preview changes nothing
  });

  it("a dry run stores the units activation would touch", async () => {
    const job = await expectStatus(tdb.client(), (await start("dry-run")).id, "succeeded");
    expect(resultOf<{ restart: string[] }>(job, "activation").restart).toEqual(["grafana.service"]);
  });
});

describe("post-deploy checks", () => {
  it("after a deploy: units active, the allowed HTTP check up, the other skipped", async () => {
    const job = await expectStatus(tdb.client(), (await start("deploy")).id, "succeeded");
    const checks = resultOf<PostChecks>(job, "checks");
    expect(checks.ok).toBe(true);
    expect(checks.units.map((u) => [u.unit, u.activeState])).toEqual([
      ["grafana.service", "active"],
      ["loki.service", "active"],
    ]);
    expect(checks.http.map((h) => [h.service, h.status])).toEqual([
      ["grafana", "up"],
      ["loki", "skipped"],
    ]);
    expect(job.message).toMatch(/checks passed/);
  });

  it("after a rollback with a failed unit and the HTTP endpoint down: the checks fail and say why", async () => {
    await lab.failUnit("frame1", "loki", "disk full");
    http.close();
    const gens = await expectStatus(tdb.client(), (await start("generations")).id, "succeeded");
    const list = resultOf<{ number: number; current: boolean }[]>(gens, "generations");
    const cur = list.find((g) => g.current)!;
    const prev = list.filter((g) => g.number < cur.number).at(-1)!;
    const job = await expectStatus(tdb.client(), (await start("rollback", { generation: prev.number })).id, "succeeded");
    const checks = resultOf<PostChecks>(job, "checks");
    expect(checks.ok).toBe(false);
    expect(checks.units.find((u) => u.unit === "loki.service")).toMatchObject({ activeState: "failed", ok: false });
    expect(checks.units.find((u) => u.unit === "grafana.service")?.ok).toBe(true);
    expect(checks.http.find((h) => h.service === "grafana")).toMatchObject({ status: "down", ok: false });
    expect(checks.summary).toMatch(/not active: loki\.service \(failed\)/);
    expect(job.message).toMatch(/checks failed/);
    await lab.healUnit("frame1", "loki");
  });
});

describe("exclusive changes", () => {
  it("refuses a second deploy while one runs; a queued request still queues", async () => {
    await lab.setVariant("frame1", "slow", { extra: [`nonce=${Date.now()}`, "seconds=6"] });
    const first = await start("deploy", {}, true);
    await expect(start("deploy", {}, true)).rejects.toThrow(ConflictError);
    await expect(start("rollback", { generation: 1 }, true)).rejects.toThrow(/deploy #\d+ is running/);
    const queued = await start("deploy", {}, false);
    expect(queued.position).toBe(1);
    expect(runner.busy("frame1")).toEqual({ running: { id: first.id, kind: "deploy" }, waiting: [queued.id] });
    await runner.cancel(queued.id, "not needed");
    await waitForJob(tdb.client(), queued.id, ["cancelled"]);
    await expectStatus(tdb.client(), first.id, "succeeded");
    expect(runner.busy("frame1")).toEqual({ running: null, waiting: [] });
  });
});
