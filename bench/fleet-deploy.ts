// bench:fleet's deploys: every lab host deployed once on its own, one after another (each with a new
// system: a nonce in its variant), then all of them again as one fleet deploy; wall time of the
// fleet against the sum of the single deploys. Through the panel's HTTP API with the bench's session.
import { lab, type LabInfo } from "../e2e/lab";
import { session } from "./http-load";
import { line } from "./report";
import type { BenchServer } from "./server";

export type FleetDeployFigures = { machines: string[]; singleMs: Record<string, number>; sumMs: number; fleetMs: number; ratio: number };

async function api<T>(origin: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${origin}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { cookie: session.cookie, origin, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

type Job = { id: number; status: string; message: string };
const FINAL = new Set(["succeeded", "failed", "cancelled", "interrupted", "rolled-back"]);

async function finished(origin: string, id: number): Promise<Job> {
  for (;;) {
    const { job } = await api<{ job: Job }>(origin, `/api/jobs/${id}`);
    if (FINAL.has(job.status)) return job;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function newSystems(hosts: string[]): Promise<void> {
  for (const h of hosts) await lab.setVariant(h, "base", { extra: [`nonce=bench-${Date.now()}-${h}`] });
}

export async function fleetDeploys(server: BenchServer, info: LabInfo): Promise<FleetDeployFigures> {
  const hosts = info.hosts.map((h) => h.name);
  const singleMs: Record<string, number> = {};
  await newSystems(hosts);
  for (const h of hosts) {
    const t0 = performance.now();
    const { job } = await api<{ job: Job }>(server.origin, `/api/machines/${h}/jobs`, { kind: "deploy" });
    const done = await finished(server.origin, job.id);
    if (done.status !== "succeeded") throw new Error(`single deploy of ${h}: ${done.status}: ${done.message}`);
    singleMs[h] = Math.round(performance.now() - t0);
    line(`single deploy of ${h}: ${singleMs[h]} ms`);
  }
  await newSystems(hosts);
  const t0 = performance.now();
  await fleetDeploy(server.origin, hosts);
  const fleetMs = Math.round(performance.now() - t0);
  const sumMs = Object.values(singleMs).reduce((a, b) => a + b, 0);
  line(`fleet deploy of ${hosts.join(", ")}: ${fleetMs} ms wall, the single deploys one after another ${sumMs} ms`);
  return { machines: hosts, singleMs, sumMs, fleetMs, ratio: Math.round((fleetMs / sumMs) * 100) / 100 };
}

type Fleet = { fleet: { id: number; status: string; children: Array<{ machine: string; status: string; message: string }> } };

/** One fleet deploy of `hosts` through the fleet API, resolved when the fleet (every machine's deploy) is final. */
async function fleetDeploy(origin: string, hosts: string[]): Promise<void> {
  const started = await api<Fleet>(origin, "/api/fleet", { machines: hosts });
  for (;;) {
    const { fleet } = await api<Fleet>(origin, `/api/fleet/${started.fleet.id}`);
    if (fleet.status !== "running") {
      const bad = fleet.children.filter((c) => c.status !== "succeeded");
      if (bad.length) throw new Error(`fleet ${fleet.id}: ${bad.map((c) => `${c.machine} ${c.status}: ${c.message}`).join("; ")}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
