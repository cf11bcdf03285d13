// Fleet deploys against the lab (LAB_HOSTS="frame1 frame2 frame3"; frame2 and frame3 built and
// deployed by frame1, as weak devices are): one deploy-rs run per machine, in parallel, each with
// its own outcome; one machine's broken configuration neither cancels nor undoes the others; a
// fleet waits for and blocks single changes in each machine's queue; cancel before start changes
// nothing anywhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatedSlow, lab, type LabInfo } from "@/e2e/lab";
import { ValidationError } from "../errors";
import { createSshPool, type SshPool } from "../ssh/pool";
import { useTestDatabase } from "../test/db";
import { expectStatus, logText, waitForJob } from "../test/lab-jobs";
import { loadFleet } from "./fleet-store";
import { JobRunner } from "./runner";

const tdb = useTestDatabase();
const HOSTS = ["frame1", "frame2", "frame3"] as const;
let info: LabInfo;
let pool: SshPool;
let runner: JobRunner;
const nonce = () => [`nonce=${Date.now()}`];
const current = async (h: string) => (await lab.run(h, "readlink -f /run/current-system")).trim();
const generations = async (h: string) => (await lab.run(h, "ls -d /nix/var/nix/profiles/system-*-link | wc -l")).trim();
const snapshot = async () =>
  Object.fromEntries(await Promise.all(HOSTS.map(async (h) => [h, { system: await current(h), gens: await generations(h) }])));
const waitFleet = (id: number) =>
  lab.waitFor(
    `fleet ${id} to be final`,
    async () => ((await loadFleet(tdb.client(), id)).status !== "running" ? loadFleet(tdb.client(), id) : null),
    600_000,
    300,
  );

beforeAll(async () => {
  info = await lab.up({ hosts: [...HOSTS] });
  for (const name of HOSTS) {
    const h = info.hosts.find((x) => x.name === name);
    if (!h) throw new Error(`the lab has no ${name}: run with LAB_HOSTS="frame1 frame2 frame3"`);
    await tdb.client().machine.create({
      data: {
        name,
        system: "x86_64-linux",
        role: "production",
        sshHost: h.address,
        sshUser: "admin",
        hostKeyFingerprint: h.hostKeyFingerprint,
        flakeAttr: name,
        buildHost: name === "frame1" ? null : "frame1",
      },
    });
  }
  await tdb.client().machine.create({ data: { name: "no-ssh", system: "x86_64-linux", role: "installer" } });
  pool = createSshPool({ keyFile: info.privateKeyPath, connectAttempts: 2 });
  runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
  await runner.start();
});

afterAll(async () => {
  await runner?.shutdown(2000);
  pool?.closeAll();
});

describe("fleet deploy", () => {
  it("refuses the whole fleet, naming the machine, when one cannot be deployed: nothing is created", async () => {
    const before = await tdb.client().job.count();
    await expect(runner.enqueueFleet(["frame1", "no-ssh"], null)).rejects.toThrow(ValidationError);
    await expect(runner.enqueueFleet(["frame1", "no-ssh"], null)).rejects.toThrow(/no-ssh: no-ssh has no SSH host or user/);
    expect(await tdb.client().job.count()).toBe(before);
    expect(await tdb.client().fleetRun.count()).toBe(0);
  });

  it("frame1 and frame3 succeed, frame2 (broken) rolls back; each on its own generation; a single deploy of frame2 waits behind the fleet", async () => {
    await lab.setVariant("frame1", "changed", { extra: nonce() });
    await lab.setVariant("frame2", "broken", { extra: nonce() });
    await lab.setVariant("frame3", "changed", { extra: nonce() });
    const before = await snapshot();

    const { fleetId, jobs } = await runner.enqueueFleet([...HOSTS], null);
    expect(jobs).toHaveLength(3);
    // A single change to frame2 requested now queues behind the fleet's child there.
    const single = await runner.enqueue({ machine: "frame2", kind: "deploy", args: {}, requestedById: null });
    expect(single.position).toBe(1);
    expect(runner.busy("frame2").running?.id).toBe(jobs[1]);

    const fleet = await waitFleet(fleetId);
    const byMachine = Object.fromEntries(fleet.jobs.map((j) => [j.machine.name, j]));
    // On a failure the message carries the job's last log lines (what deploy-rs and nix printed).
    const why = async (h: string) => `${byMachine[h].message}\n${(await logText(tdb.client(), byMachine[h].id)).slice(-40).join("\n")}`;
    expect(byMachine.frame1.status, await why("frame1")).toBe("succeeded");
    expect(byMachine.frame3.status, await why("frame3")).toBe("succeeded");
    expect(byMachine.frame2.status, await why("frame2")).toBe("rolled-back");
    expect(fleet.status).toBe("failed");
    expect(JSON.parse(byMachine.frame2.result)).toMatchObject({ outcome: "auto-rollback" });

    const after = await snapshot();
    for (const h of ["frame1", "frame3"] as const) {
      expect(after[h].system).toBe(byMachine[h].newSystem);
      expect(after[h].system).toMatch(new RegExp(`nixos-system-${h}-.*lab-changed$`));
      expect(after[h].system).not.toBe(before[h].system);
      expect(Number(after[h].gens)).toBe(Number(before[h].gens) + 1);
    }
    // frame2's failure was its own: it runs what it ran, and the others were not revoked.
    expect(after.frame2.system).toBe(before.frame2.system);

    const s = await expectStatus(tdb.client(), single.id, "rolled-back");
    expect(s.startedAt!.getTime()).toBeGreaterThanOrEqual(byMachine.frame2.finishedAt!.getTime());
    expect((await snapshot()).frame2).toEqual(before.frame2);
  });

  it("cancel before start: the children waiting behind single deploys are cancelled, and no new generation comes from the fleet", async () => {
    // The holders' builds (all on frame1) wait at a gate until the fleet was cancelled: no race with the clock.
    const gate = `fleet-int-${Date.now()}`;
    for (const h of HOSTS) await lab.setVariant(h, "slow", { extra: [...nonce(), ...gatedSlow(gate)] });
    const holders = await Promise.all(HOSTS.map((machine) => runner.enqueue({ machine, kind: "deploy", args: {}, requestedById: null })));
    await Promise.all(holders.map((h) => waitForJob(tdb.client(), h.id, ["running"])));

    const { fleetId, jobs } = await runner.enqueueFleet([...HOSTS], null);
    for (const [i, h] of HOSTS.entries()) {
      expect(runner.busy(h).running?.id).toBe(holders[i].id);
      expect(runner.position(jobs[i])).toBe(1);
    }
    const { cancelled, running } = await runner.cancelFleet(jobs, "Cancelled by the test.");
    expect(cancelled.sort()).toEqual([...jobs].sort());
    expect(running).toEqual([]);
    expect((await loadFleet(tdb.client(), fleetId)).status).toBe("cancelled");

    await lab.openGate("frame1", gate);
    const done = await Promise.all(holders.map((h) => expectStatus(tdb.client(), h.id, "succeeded")));
    const after = await snapshot();
    for (const [i, h] of HOSTS.entries()) expect(after[h].system).toBe(done[i].newSystem);
    const fleet = await loadFleet(tdb.client(), fleetId);
    for (const j of fleet.jobs) {
      expect(j.status).toBe("cancelled");
      expect(j.startedAt).toBeNull();
    }
    // Nothing of the fleet runs later either: once the holders are done, the queues are empty.
    await lab.waitFor("the queues to empty", async () =>
      HOSTS.every((h) => runner.busy(h).running === null && !runner.busy(h).waiting.length),
    );
    for (const h of HOSTS) await lab.setVariant(h, "base");
  });
});
