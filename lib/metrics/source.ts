import "server-only";
// Where a machine's resources are read: METRICS_URLS' entry for it, else METRICS_URL
// (VictoriaMetrics), else the machine's own node_exporter at http://<ssh host>:9100/metrics.
// Read on every round, so inventory edits apply without a restart.
import type { Db } from "../db/client";
import { env, type Env } from "../env";
import { NotFoundError } from "../errors";
import type { MetricsSourceKind } from "./types";

export type MetricsSource =
  { kind: "victoriametrics"; url: string; instances: string[] } | { kind: "node_exporter"; url: string } | { kind: "none"; reason: string };

/** METRICS_URLS as a map (validated by lib/env's pattern). */
export function perMachineUrls(e: Pick<Env, "METRICS_URLS"> = env()): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of (e.METRICS_URLS ?? "").split(",")) {
    const at = pair.indexOf("=");
    if (at > 0) out.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return out;
}

const kindOf = (url: string): MetricsSourceKind => (/\/metrics\/?$/.test(new URL(url).pathname) ? "node_exporter" : "victoriametrics");

/** `host` for a URL: brackets around IPv6. */
const hostPart = (h: string) => (h.includes(":") ? `[${h}]` : h);

export function sourceFor(
  machine: { name: string; sshHost: string | null },
  e: Pick<Env, "METRICS_URL" | "METRICS_URLS"> = env(),
): MetricsSource {
  const own = perMachineUrls(e).get(machine.name);
  const instances = [...new Set([machine.name, ...(machine.sshHost ? [machine.sshHost] : [])])];
  if (own === "off") return { kind: "none", reason: `metrics are off for ${machine.name} (METRICS_URLS)` };
  if (own) return kindOf(own) === "node_exporter" ? { kind: "node_exporter", url: own } : { kind: "victoriametrics", url: own, instances };
  if (e.METRICS_URL) return { kind: "victoriametrics", url: e.METRICS_URL, instances };
  if (!machine.sshHost) return { kind: "none", reason: `${machine.name} has no address in the inventory and no metrics URL is set` };
  return { kind: "node_exporter", url: `http://${hostPart(machine.sshHost)}:9100/metrics` };
}

export async function loadSource(db: Db, machine: string): Promise<MetricsSource> {
  const m = await db.machine.findUnique({ where: { name: machine }, select: { name: true, sshHost: true } });
  if (!m) throw new NotFoundError(`No machine named "${machine}".`);
  return sourceFor(m);
}

/** GRAFANA_URL for a machine's page: `{machine}` in it becomes the machine's name; null when unset. */
export function grafanaLink(machine: string, e: Pick<Env, "GRAFANA_URL"> = env()): string | null {
  return e.GRAFANA_URL
    ? e.GRAFANA_URL.replaceAll("{machine}", encodeURIComponent(machine)).replaceAll("%7Bmachine%7D", encodeURIComponent(machine))
    : null;
}
