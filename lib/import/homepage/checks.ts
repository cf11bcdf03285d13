// siteMonitor -> an HTTP check; ping (ICMP in Homepage) -> a TCP check of host:port, the nearest
// thing the panel can probe. Templates are never probed: a check of "{{HOMEPAGE_VAR_...}}" could
// only ever fail.
import { isHost } from "@/lib/commands/patterns";
import type { ImportNote } from "../model/plan";
import { isHttpUrl, scalarText, shown } from "./field-text";
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
    if (ping !== undefined && ping !== null)
      notes.push({ level: "skipped", text: `ping ${shown(ping)}: the HTTP check from siteMonitor is used instead.` });
    if (typeof site !== "string" || hasTemplate(site)) {
      notes.push({
        level: "skipped",
        text: `siteMonitor ${shown(site)}: a Homepage template with no value (or not text) cannot be checked; no health check was created.`,
      });
      return {};
    }
    if (!isHttpUrl(site.trim())) {
      notes.push({ level: "skipped", text: `siteMonitor ${shown(site.trim())} is not an http(s) URL; no health check was created.` });
      return {};
    }
    return { checkType: "http", checkTarget: site.trim() };
  }
  if (ping === undefined || ping === null) return {};
  const text = scalarText(ping);
  if (text === undefined) {
    notes.push({ level: "skipped", text: `ping is ${shown(ping)}, not a host; no health check was created.` });
    return {};
  }
  const value = text.trim();
  if (hasTemplate(value)) {
    notes.push({
      level: "skipped",
      text: `ping ${value}: a Homepage template with no value cannot be checked; no health check was created.`,
    });
    return {};
  }
  const asUrl = urlOf(value);
  if (asUrl) {
    const target = `${asUrl.hostname}:${defaultPort(asUrl)}`;
    return tcp(value, target, notes, `ping ${value} became a TCP check of ${target} (the panel does not send ICMP).`);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    notes.push({ level: "skipped", text: `ping ${shown(value)} is not a host or an http(s) URL; no health check was created.` });
    return {};
  }
  if (/^[^:/\s]+:\d{1,5}$/.test(value) || /^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(value)) return tcp(value, value, notes, null);
  const href = typeof fields.href === "string" && !hasTemplate(fields.href) ? urlOf(fields.href.trim()) : null;
  const port = href ? defaultPort(href) : null;
  if (!port) {
    notes.push({
      level: "skipped",
      text: `ping ${shown(value)}: the panel checks TCP host:port and no port is known (no http(s) href to take it from); no health check was created.`,
    });
    return {};
  }
  return tcp(
    value,
    `${value}:${port}`,
    notes,
    `ping ${value} became a TCP check of ${value}:${port} (port from href; the panel does not send ICMP).`,
  );
}

/** A TCP check only of a host:port the inventory accepts; anything else is a note, and the service is still imported. */
function tcp(ping: string, target: string, notes: ImportNote[], note: string | null): CheckValues {
  const m = /^(.+):(\d{1,5})$/.exec(target);
  const port = m ? Number(m[2]) : 0;
  if (!m || !isHost(m[1].replace(/^\[|\]$/g, "")) || port < 1 || port > 65535) {
    notes.push({ level: "skipped", text: `ping ${shown(ping)} is not a host the panel can check; no health check was created.` });
    return {};
  }
  if (note) notes.push({ level: "note", text: note });
  return { checkType: "tcp", checkTarget: target };
}
