// Test support (lab tests only): a temp database with lab machines, a pool with the lab key, and
// bounded polling of job rows.
import { expect } from "vitest";
import { lab, type LabInfo } from "@/e2e/lab";
import type { Db } from "../db/client";
import { createSshPool, type SshPool } from "../ssh/pool";
import { loadJob } from "../jobs/job-store";
import { readLog } from "../jobs/log-read";
import { FINISHED_STATUSES, isFinished, type JobStatus } from "../wire/job-kinds";

export async function labMachines(db: Db): Promise<{ info: LabInfo; pool: SshPool }> {
  const info = await lab.up();
  const fp = (name: string) => info.hosts.find((h) => h.name === name)?.hostKeyFingerprint ?? null;
  const base = { system: "x86_64-linux", role: "testing", sshHost: "10.231.1.2", sshUser: "admin", flakeAttr: "frame1" };
  await db.machine.create({ data: { ...base, name: "frame1", hostKeyFingerprint: fp("frame1") } });
  // frame1's address with frame2's fingerprint pinned: a changed host key.
  await db.machine.create({ data: { ...base, name: "frame1-rekeyed", hostKeyFingerprint: fp("frame2") } });
  await db.machine.create({ data: { ...base, name: "frame1-new", hostKeyFingerprint: null } });
  return { info, pool: createSshPool({ keyFile: info.privateKeyPath, connectAttempts: 2 }) };
}

/** Polls the job row until its status is one of `want` (default: any final status). */
export async function waitForJob(db: Db, id: number, want: readonly JobStatus[] = FINISHED_STATUSES, timeoutMs = 240_000) {
  return lab.waitFor(
    `job ${id} to be ${want.join("|")}`,
    async () => {
      const job = await loadJob(db, id);
      if (isFinished(job.status) && !want.includes(job.status as JobStatus)) {
        throw new Error(`job ${id} ended ${job.status}: ${job.message}`);
      }
      return want.includes(job.status as JobStatus) ? job : null;
    },
    timeoutMs,
    200,
  );
}

export async function expectStatus(db: Db, id: number, status: JobStatus) {
  const job = await waitForJob(db, id);
  if (job.status !== status) {
    // The job's own log says why; without it a flaky failure in CI is a guess.
    const tail = (await logText(db, id)).slice(-40).join("\n");
    expect(job.status, `${job.message}\n--- last lines of job ${id}'s log ---\n${tail}`).toBe(status);
  }
  return job;
}

export async function logText(db: Db, jobId: number): Promise<string[]> {
  const rows = await readLog(db, jobId, 0, Number.MAX_SAFE_INTEGER);
  return rows.map((r) => r.text);
}
