// A deploy or rollback that ran to its end (succeeded, rolled back, failed) becomes one event per job.
import { CHANGE_OUTCOMES, isChange } from "../wire/job-kinds";
import type { NotifyInput } from "./types";

export type JobUpdateLike = { id: number; machine: string; kind: string; status: string; message: string };

const WORD: Record<string, string> = { succeeded: "succeeded", failed: "failed", "rolled-back": "was rolled back" };

export function jobEvent(u: JobUpdateLike): NotifyInput | null {
  if (!isChange(u.kind) || !(CHANGE_OUTCOMES as readonly string[]).includes(u.status)) return null;
  const what = u.kind === "rollback" ? "Rollback" : "Deploy";
  return {
    kind: "deploy-finished",
    key: `job:${u.id}`,
    subject: `machine:${u.machine}`,
    title: `${what} of ${u.machine} ${WORD[u.status]}`,
    message: `${what} #${u.id} of ${u.machine} ${WORD[u.status]}: ${u.message}`,
  };
}
