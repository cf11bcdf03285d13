// The background drift check against a lab host (real sshd, real /run/current-system): machines the
// panel never changed are not read; one it deployed is "in sync" while it runs what the panel left,
// and "changed outside the panel" (one notification event) once the panel's last change is not
// what runs. The changes are job rows as the runner writes them; no deploy is needed to compare.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab } from "@/e2e/lab";
import { driftEvent } from "../notify/drift-rules";
import type { SshPool } from "../ssh/pool";
import { labMachines } from "../test/lab-jobs";
import { useTestDatabase } from "../test/db";
import { checkAllDrift, type DriftReading } from "./drift-watch";

const tdb = useTestDatabase();
let pool: SshPool;
let frame1Id = 0;

beforeAll(async () => {
  ({ pool } = await labMachines(tdb.client()));
  frame1Id = (await tdb.client().machine.findUniqueOrThrow({ where: { name: "frame1" } })).id;
});
afterAll(() => pool?.closeAll());

async function check() {
  const seen: DriftReading[] = [];
  const logs: string[] = [];
  const read = await checkAllDrift(
    (r) => seen.push(r),
    (m) => logs.push(m),
    pool,
  );
  return { read, seen, logs };
}

const ELSEWHERE = "/nix/store/0000000000000000000000000000000z-nixos-system-frame1-elsewhere";
const changeJob = (newSystem: string, oldSystem: string | null) =>
  tdb.client().job.create({
    data: { kind: "deploy", machineId: frame1Id, status: "succeeded", newSystem, oldSystem, finishedAt: new Date() },
  });

describe("checkAllDrift", () => {
  it("reads no machine the panel has not changed", async () => {
    expect(await check()).toEqual({ read: 0, seen: [], logs: [] });
  });

  it("says in sync while frame1 runs what the panel's last deploy left, and sends nothing", async () => {
    const running = (await lab.run("frame1", "readlink -f /run/current-system")).trim();
    expect(running).toMatch(/^\/nix\/store\//);
    await changeJob(running, null);
    const { read, seen, logs } = await check();
    expect(logs).toEqual([]);
    expect(read).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ machine: "frame1", current: running, drift: { state: "matches" } });
    expect(driftEvent(seen[0].machine, seen[0].current, seen[0].drift)).toBeNull();
  });

  it("finds drift when the panel's last change is not what runs: an earlier system of the panel's is 'rolled back'", async () => {
    // The change of the test above (what runs now) is an earlier system than this newer one.
    const running = (await lab.run("frame1", "readlink -f /run/current-system")).trim();
    const job = await changeJob(ELSEWHERE, "/nix/store/1111111111111111111111111111111z-nixos-system-frame1-before");
    const { seen } = await check();
    expect(seen[0]).toMatchObject({ machine: "frame1", current: running, drift: { state: "rolled-back", jobId: job.id } });
    const e = driftEvent(seen[0].machine, seen[0].current, seen[0].drift);
    expect(e).toMatchObject({ kind: "drift", key: `drift:frame1:${running}:${job.id}`, subject: "machine:frame1" });
    expect(e?.message).toContain("rolled back outside the panel");
  });

  it("a system the panel never ran there is 'changed outside the panel', one event per system and change", async () => {
    await tdb.client().job.deleteMany({ where: { machineId: frame1Id } });
    const running = (await lab.run("frame1", "readlink -f /run/current-system")).trim();
    const job = await changeJob(ELSEWHERE, null);
    const { seen } = await check();
    expect(seen[0]).toMatchObject({ machine: "frame1", current: running, drift: { state: "outside", jobId: job.id } });
    const e = driftEvent(seen[0].machine, seen[0].current, seen[0].drift);
    expect(e).toMatchObject({ kind: "drift", key: `drift:frame1:${running}:${job.id}`, subject: "machine:frame1" });
    expect(e?.message).toContain("changed outside the panel");
  });
});
