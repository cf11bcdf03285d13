import "server-only";
// What the machine page reads from the database: the inventory row and services, the history
// (filtered), the changes the panel made (drift, generations), the newest preview and checks, and
// the exact command lines a deploy or rollback runs (shown in the confirmation dialogs).
import { commandLine, deploy, switchGeneration } from "../commands";
import { db } from "../db/client";
import { getMachine } from "../db/machines";
import { listJobs, jobRunner, type JobView } from "../jobs";
import type { PostChecks } from "../jobs/check-results";
import { jobMachine } from "../jobs/machine-targets";
import type { Preview } from "../jobs/preview";
import { changeHistory } from "./change-history";
import { readSchedule } from "./flake-schedule";
import { readFlakeUpdateResult, type FlakeUpdateResult } from "../wire/flake-update";
import { sshPool } from "../ssh/pool";
import { CHANGE_KINDS, CHANGE_OUTCOMES } from "../wire/job-kinds";
import type { HistoryQuery } from "./history-query";

/** The newest "Update inputs" job of the machine, as the checkout card shows it. */
export type InputUpdateJob = {
  id: number;
  status: string;
  message: string;
  finishedAt: string | null;
  requestedBy: string | null;
  result: FlakeUpdateResult | null;
};
export type PreviewJob = { id: number; finishedAt: string | null; preview: Preview };
export type ChecksJob = { id: number; kind: string; status: string; finishedAt: string | null; checks: PostChecks };
/** host: where deploy-rs runs (the build host); rollbackHost: the machine itself ("name (user@address)"). */
export type CommandPlan = {
  host: string;
  rollbackHost: string;
  deploy: string | null;
  rollback: (generation: number) => string[];
  error: string | null;
};

const where = (t: { machine: string; user: string; host: string; port: number }) =>
  `${t.machine} (${t.user}@${t.host}${t.port === 22 ? "" : `:${t.port}`})`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function parsed<T>(json: string, key: string): T | null {
  try {
    return ((JSON.parse(json) as Record<string, unknown>)[key] as T) ?? null;
  } catch {
    return null;
  }
}

export async function machinePageData(name: string, q: HistoryQuery) {
  const machine = await getMachine(name);
  const mine = { machine: { name } };
  const [history, changes, deploys, build, checked, inputUpdate, flakeSchedule] = await Promise.all([
    listJobs({ machine: name, kind: q.kind, status: q.outcome, limit: 100 }),
    changeHistory(name),
    db().job.findMany({
      where: { ...mine, kind: "deploy", status: "succeeded" },
      orderBy: { id: "desc" },
      take: 200,
      include: { requestedBy: { select: { name: true } } },
    }),
    db().job.findFirst({ where: { ...mine, kind: "build", status: "succeeded" }, orderBy: { id: "desc" } }),
    db().job.findFirst({
      where: { ...mine, kind: { in: [...CHANGE_KINDS] }, status: { in: [...CHANGE_OUTCOMES] } },
      orderBy: { id: "desc" },
    }),
    db().job.findFirst({
      where: { ...mine, kind: "flake-update", status: { in: ["succeeded", "failed"] } },
      orderBy: { id: "desc" },
      include: { requestedBy: { select: { name: true } } },
    }),
    readSchedule(db()),
  ]);
  const preview = build ? parsed<Preview>(build.result, "preview") : null;
  const checks = checked ? parsed<PostChecks>(checked.result, "checks") : null;
  return {
    machine,
    history,
    ...changes,
    deploys: deploys.map((d) => ({
      id: d.id,
      status: d.status,
      startedAt: d.startedAt,
      finishedAt: d.finishedAt,
      requestedBy: d.requestedBy?.name ?? null,
      newSystem: d.newSystem,
      commit: d.commit,
      commitSubject: d.commitSubject,
      dirty: d.dirty,
      builtOn: d.builtOn,
    })),
    preview: build && preview ? ({ id: build.id, finishedAt: iso(build.finishedAt), preview } satisfies PreviewJob) : null,
    checks:
      checked && checks
        ? ({ id: checked.id, kind: checked.kind, status: checked.status, finishedAt: iso(checked.finishedAt), checks } satisfies ChecksJob)
        : null,
    inputUpdate: inputUpdate
      ? ({
          id: inputUpdate.id,
          status: inputUpdate.status,
          message: inputUpdate.message,
          finishedAt: iso(inputUpdate.finishedAt),
          requestedBy: inputUpdate.requestedBy?.name ?? null,
          result: readFlakeUpdateResult(inputUpdate.result),
        } satisfies InputUpdateJob)
      : null,
    flakeSchedule,
    busy: jobRunner().busy(name),
  };
}

/** The command lines a deploy and a rollback of this machine run, exactly as sent over SSH. */
export async function commandPlan(name: string): Promise<CommandPlan> {
  try {
    const m = await jobMachine(db(), name, sshPool().settings.keyFile);
    const line = commandLine(deploy({ sshUser: m.builder.sshUser }, { flakeDir: m.flakeDir, node: m.name, base: m.deployBase }));
    return {
      host: where(m.builder.target),
      rollbackHost: where(m.self.target),
      deploy: m.deployable ? line : null,
      rollback: (n) => switchGeneration({ sshUser: m.self.sshUser }, n).map(commandLine),
      error: m.deployable ? null : `${m.name} is not deployable (inventory).`,
    };
  } catch (err) {
    return { host: name, rollbackHost: name, deploy: null, rollback: () => [], error: err instanceof Error ? err.message : String(err) };
  }
}

export type MachinePageData = Awaited<ReturnType<typeof machinePageData>>;
export type { JobView };
