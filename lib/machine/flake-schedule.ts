import "server-only";
// The optional schedule of "Update inputs" checks (off, daily, weekly; a setting): every deployable
// machine with a flake checkout gets a check job (flake-update with check: the lock difference in a
// scratch copy, nothing built or kept) when its last finished input update is older than the
// period. A check that finds updates is reported through lib/machine/flake-events.ts.
import type { EventEmitter } from "node:events";
import { z } from "zod";
import type { Db } from "../db/client";
import type { JobEvents, StartRequest } from "../jobs/runner";
import { readFlakeUpdateResult } from "../wire/flake-update";
import { reportFlakeUpdates } from "./flake-events";

export const SCHEDULES = ["off", "daily", "weekly"] as const;
export type Schedule = (typeof SCHEDULES)[number];
export const scheduleSchema = z.enum(SCHEDULES);
const SETTING = "flakeUpdateSchedule";
const PERIOD_MS: Record<Exclude<Schedule, "off">, number> = { daily: 86_400_000, weekly: 7 * 86_400_000 };
/** How often the schedule looks whether a check is due. */
export const TICK_MS = 15 * 60_000;

export async function readSchedule(db: Db): Promise<Schedule> {
  const row = await db.setting.findUnique({ where: { key: SETTING } });
  const parsed = scheduleSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : "off";
}

export async function writeSchedule(db: Db, s: Schedule): Promise<void> {
  await db.setting.upsert({ where: { key: SETTING }, create: { key: SETTING, value: s }, update: { value: s } });
}

type Runner = EventEmitter<JobEvents> & { enqueue(req: StartRequest): Promise<{ id: number }> };

/** Starts the checks that are due now; returns the machines it started one for. */
export async function runDueChecks(db: Db, runner: Runner, now = new Date()): Promise<string[]> {
  const schedule = await readSchedule(db);
  if (schedule === "off") return [];
  const since = new Date(now.getTime() - PERIOD_MS[schedule]);
  const machines = await db.machine.findMany({ where: { deployable: true, NOT: { flakeDir: "" } }, select: { name: true } });
  const started: string[] = [];
  for (const { name } of machines) {
    const recent = await db.job.findFirst({
      where: { machine: { name }, kind: "flake-update", OR: [{ createdAt: { gte: since } }, { status: { in: ["queued", "running"] } }] },
      select: { id: true },
    });
    if (recent) continue;
    await runner.enqueue({ machine: name, kind: "flake-update", args: { check: true }, requestedById: null });
    started.push(name);
  }
  return started;
}

/** Reports every finished check that found updates (listening to the runner's job events). */
export function reportChecks(db: Db, runner: Runner): () => void {
  const onJob = ({ id, machine, kind, status }: JobEvents["job"][0]) => {
    if (kind !== "flake-update" || status !== "succeeded") return;
    db.job
      .findUnique({ where: { id }, select: { result: true, finishedAt: true } })
      .then((row) => {
        const r = row ? readFlakeUpdateResult(row.result) : null;
        if (!r?.checkOnly || r.updated === 0) return;
        const changes = r.changes.filter((c) => c.kind !== "unchanged");
        reportFlakeUpdates({ machine, jobId: id, changes, at: (row?.finishedAt ?? new Date()).toISOString() });
      })
      .catch((err: unknown) => console.error(`[flake-schedule] job ${id}:`, err));
  };
  runner.on("job", onJob);
  return () => void runner.off("job", onJob);
}

/** The schedule: looks every TICK_MS (and once at start) whether checks are due. Returns stop(). */
export function startFlakeSchedule(db: Db, runner: Runner, log: (line: string) => void = console.log): () => void {
  const stopReports = reportChecks(db, runner);
  const tick = () =>
    runDueChecks(db, runner).then(
      (names) => names.length && log(`flake input check started for ${names.join(", ")}`),
      (err: unknown) => log(`flake input check: ${err instanceof Error ? err.message : String(err)}`),
    );
  const timer = setInterval(tick, TICK_MS);
  timer.unref();
  void tick();
  return () => {
    clearInterval(timer);
    stopReports();
  };
}
