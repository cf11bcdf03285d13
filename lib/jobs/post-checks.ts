import "server-only";
// After a deploy or rollback: are the machine's services running? Reads the units over SSH (again,
// for a bounded time, while some are not active yet: a restarted unit may still be activating),
// then checks HTTP endpoints the allow-list permits. Never throws for a failed check; a cancel or
// time-out of the job still propagates.
import { commandLine, systemctlShow } from "../commands";
import { inventoryHostsOf, parseAllowList } from "../health/allow";
import { runCheck } from "../health/check";
import { ExecError } from "../ssh/errors";
import { run } from "../ssh/run";
import { parseSystemctlShow } from "../systemd/show";
import {
  httpUrlOf,
  postChecksVerdict,
  unitChecks,
  unitsSettling,
  unitsToCheck,
  type HttpCheck,
  type PostChecks,
  type UnitCheck,
} from "./check-results";
import type { StepContext } from "./job-steps";
import type { JobMachine } from "./machine-targets";
import type { RunnerSettings } from "./runner-options";

const fatal = (err: unknown) => err instanceof ExecError && (err.reason === "cancelled" || err.reason === "timeout");

async function readUnits(
  c: StepContext,
  m: JobMachine,
  wanted: { service: string; unit: string }[],
  settleMs: number,
): Promise<UnitCheck[]> {
  if (wanted.length === 0) return [];
  const line = commandLine(
    systemctlShow(
      { sshUser: m.self.sshUser },
      wanted.map((w) => w.unit),
    ),
  );
  const until = Date.now() + settleMs;
  for (;;) {
    const out = await run(m.self.target, line, {
      pool: c.pool,
      signal: c.signal,
      timeoutMs: Math.max(1000, Math.min(30_000, c.deadline - Date.now())),
    });
    const checks = unitChecks(wanted, parseSystemctlShow(out).units);
    if (!unitsSettling(checks) || Date.now() >= until) return checks;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function httpChecks(m: JobMachine, s: RunnerSettings["checks"]): Promise<HttpCheck[]> {
  const plans = m.services
    .map((svc) => ({ service: svc.name, url: httpUrlOf(svc) }))
    .filter((p): p is { service: string; url: string } => p.url !== null);
  // The machine's own services are inventory hosts; link-local and metadata addresses stay refused.
  const inventory = inventoryHostsOf(
    [],
    m.services.map((svc) => svc.url ?? null),
  );
  const allowed = parseAllowList(s.allow, () => inventory);
  return Promise.all(
    plans.map(async ({ service, url }): Promise<HttpCheck> => {
      if (!allowed(new URL(url).hostname)) return { service, url, status: "skipped", detail: "host not in HEALTH_CHECK_ALLOW", ok: true };
      const r = await runCheck(
        { key: service, kind: "http", url },
        { timeoutMs: s.httpTimeoutMs, slowMs: s.httpTimeoutMs, guard: allowed.address },
      );
      const status = r.status === "unknown" ? "down" : r.status;
      return { service, url, status, detail: r.detail, ok: status !== "down" };
    }),
  );
}

export async function runPostChecks(c: StepContext, m: JobMachine, s: RunnerSettings["checks"]): Promise<PostChecks> {
  const wanted = unitsToCheck(m.services);
  await c.log.system(`checking ${wanted.length} unit${wanted.length === 1 ? "" : "s"} and the services' HTTP endpoints`);
  let units: UnitCheck[] = [];
  let error: string | null = null;
  try {
    units = await readUnits(c, m, wanted, s.settleMs);
  } catch (err) {
    if (fatal(err)) throw err;
    error = err instanceof Error ? err.message : String(err);
  }
  const http = await httpChecks(m, s);
  for (const u of units) await c.log.system(`check ${u.unit}: ${u.activeState}${u.subState ? ` (${u.subState})` : ""}`);
  for (const h of http) await c.log.system(`check ${h.service} ${h.url}: ${h.status} (${h.detail})`);
  const verdict = postChecksVerdict(units, http, new Date(), error);
  await c.log.system(`checks ${verdict.ok ? "passed" : "FAILED"}: ${verdict.summary}`);
  return verdict;
}
