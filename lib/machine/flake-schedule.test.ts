import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { JobEvents, StartRequest } from "../jobs/runner";
import { useTestDatabase } from "../test/db";
import { onFlakeUpdatesAvailable, type FlakeUpdatesAvailable } from "./flake-events";
import { readSchedule, reportChecks, runDueChecks, writeSchedule } from "./flake-schedule";

const tdb = useTestDatabase();

/** A stand-in for the job runner that records what would be started (the real one needs SSH). */
class Recorder extends EventEmitter<JobEvents> {
  started: StartRequest[] = [];
  async enqueue(req: StartRequest) {
    this.started.push(req);
    return { id: this.started.length };
  }
}

const base = { system: "x86_64-linux", role: "testing", sshHost: "10.0.0.1", sshUser: "admin", flakeAttr: "x" };

describe("the input update schedule", () => {
  it("is off unless set; a bad stored value reads as off", async () => {
    const db = tdb.client();
    expect(await readSchedule(db)).toBe("off");
    await db.setting.create({ data: { key: "flakeUpdateSchedule", value: "hourly" } });
    expect(await readSchedule(db)).toBe("off");
    await writeSchedule(db, "weekly");
    expect(await readSchedule(db)).toBe("weekly");
  });

  it("starts a check for each deployable machine without an input update in the period", async () => {
    const db = tdb.client();
    await writeSchedule(db, "off");
    const a = await db.machine.create({ data: { ...base, name: "sched-a" } });
    await db.machine.create({ data: { ...base, name: "sched-b" } });
    await db.machine.create({ data: { ...base, name: "sched-c", deployable: false } });
    const r = new Recorder();
    expect(await runDueChecks(db, r)).toEqual([]);
    await writeSchedule(db, "daily");
    await db.job.create({ data: { kind: "flake-update", machineId: a.id, status: "succeeded" } });
    const started = await runDueChecks(db, r);
    expect(started).toContain("sched-b");
    expect(started).not.toContain("sched-a");
    expect(started).not.toContain("sched-c");
    expect(r.started.find((s) => s.machine === "sched-b")).toMatchObject({
      kind: "flake-update",
      args: { check: true },
      requestedById: null,
    });
    // A day later sched-a is due again.
    expect(await runDueChecks(db, r, new Date(Date.now() + 86_400_000 + 60_000))).toContain("sched-a");
  });

  it("reports a finished check that found updates through the hook, and not an update without changes", async () => {
    const db = tdb.client();
    const m = await db.machine.create({ data: { ...base, name: "sched-report" } });
    const change = {
      input: "nixpkgs",
      kind: "updated",
      oldType: "github",
      newType: "github",
      oldRev: "aaaaaaa",
      newRev: "bbbbbbb",
      oldDate: null,
      newDate: null,
      oldFollows: null,
      newFollows: null,
      narHashChanged: true,
      compareUrl: null,
      source: null,
    };
    const same = { ...change, input: "home-manager", kind: "unchanged", newRev: "aaaaaaa", narHashChanged: false };
    const result = (updated: number, checkOnly: boolean) =>
      JSON.stringify({
        scratch: null,
        base: "c".repeat(40),
        inputs: [],
        oldSha: "",
        newSha: "",
        changes: updated ? [change, same] : [same],
        updated,
        outPath: null,
        currentSystem: null,
        closure: null,
        closureError: null,
        decision: null,
        checkOnly,
      });
    const quiet = await db.job.create({ data: { kind: "flake-update", machineId: m.id, status: "succeeded", result: result(0, true) } });
    const found = await db.job.create({
      data: { kind: "flake-update", machineId: m.id, status: "succeeded", result: result(1, true), finishedAt: new Date() },
    });
    const r = new Recorder();
    const stop = reportChecks(db, r);
    const heard = new Promise<FlakeUpdatesAvailable>((resolve) => {
      const off = onFlakeUpdatesAvailable((e) => {
        off();
        resolve(e);
      });
    });
    const ev = (id: number) => ({
      id,
      machine: "sched-report",
      kind: "flake-update" as const,
      status: "succeeded" as const,
      message: "",
      position: null,
    });
    r.emit("job", ev(quiet.id));
    r.emit("job", ev(found.id));
    const e = await heard;
    stop();
    expect(e).toMatchObject({ machine: "sched-report", jobId: found.id });
    expect(e.changes.map((c) => c.input)).toEqual(["nixpkgs"]);
  });
});
