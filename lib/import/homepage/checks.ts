// siteMonitor -> an HTTP check; ping (ICMP in Homepage) -> a TCP check of host:port, the nearest
// thing the panel can probe. Templates are never probed: a check of "{{HOMEPAGE_VAR_...}}" could
// only ever fail.
import type { ImportNote } from "../types";
import { hasTemplate } from "./templates";

export type CheckValues = { checkType?: "http" | "tcp"; checkTarget?: string };

function urlOf(v: string): URL | null {
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:" ? u : null;
  } catch {
    return null;
  }
}

function defaultPort(u: URL): string {
  return u.port || (u.protocol === "https:" ? "443" : "80");
}

export function checkFrom(fields: Record<string, unknown>, notes: ImportNote[]): CheckValues {
  const site = fields.siteMonitor;
  const ping = fields.ping;
  if (site !== undefined && site !== null) {
    if (ping !== undefined && ping !== null) notes.push({ level: "skipped", text: `ping ${String(ping)}: the HTTP check from siteMonitor is used instead.` });
    if (typeof site !== "string" || hasTemplate(site)) {
      notes.push({ level: "skipped", text: `siteMonitor ${String(site)}: a Homepage template (or not text) cannot be checked; no health check was created.` });
      return {};
    }
    return { checkType: "http", checkTarget: site.trim() };
  }
  if (ping === undefined || ping === null) return {};
  const value = String(ping).trim();
  if (hasTemplate(value)) {
    notes.push({ level: "skipped", text: `ping ${value}: a Homepage template cannot be checked; no health check was created.` });
    return {};
  }
  const asUrl = urlOf(value);
  if (asUrl) {
    notes.push({ level: "note", text: `ping ${value} became a TCP check of ${asUrl.hostname}:${defaultPort(asUrl)} (the panel does not send ICMP).` });
    return { checkType: "tcp", checkTarget: `${asUrl.hostname}:${defaultPort(asUrl)}` };
  }
  if (/^[^:/\s]+:\d{1,5}$/.test(value) || /^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(value)) return { checkType: "tcp", checkTarget: value };
  const href = typeof fields.href === "string" && !hasTemplate(fields.href) ? urlOf(fields.href.trim()) : null;
  const port = href ? defaultPort(href) : null;
  if (!port) {
    notes.push({ level: "skipped", text: `ping ${value}: the panel checks TCP host:port and no port is known (no href); no health check was created.` });
    return {};
  }
  notes.push({ level: "note", text: `ping ${value} became a TCP check of ${value}:${port} (port from href; the panel does not send ICMP).` });
  return { checkType: "tcp", checkTarget: `${value}:${port}` };
}
