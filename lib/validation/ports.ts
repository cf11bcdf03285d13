// "80/tcp, 443/tcp" <-> [{ port: 80, protocol: "tcp" }, ...]
import { z } from "zod";

export type PortSpec = { port: number; protocol: "tcp" | "udp" };

const ENTRY = /^(\d{1,6})(?:\/(tcp|udp))?$/i;

export function parsePorts(text: string): { ok: true; ports: PortSpec[] } | { ok: false; message: string } {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  const ports: PortSpec[] = [];
  for (const part of parts) {
    const m = ENTRY.exec(part);
    if (!m) return { ok: false, message: `"${part.slice(0, 20)}" is not a port like 443 or 41641/udp.` };
    const port = Number(m[1]);
    if (port < 1 || port > 65535) return { ok: false, message: `Port ${port} is out of range (1-65535).` };
    ports.push({ port, protocol: (m[2]?.toLowerCase() ?? "tcp") as PortSpec["protocol"] });
  }
  if (ports.length > 16) return { ok: false, message: "At most 16 ports." };
  return { ok: true, ports };
}

export function formatPorts(ports: PortSpec[]): string {
  return ports.map((p) => `${p.port}/${p.protocol}`).join(", ");
}

/** A zod field that accepts a port list and normalises it. */
export const portsField = z
  .string()
  .max(200, "Too long.")
  .transform((text, ctx) => {
    const parsed = parsePorts(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return formatPorts(parsed.ports);
  });

export const portNumber = z.coerce
  .number({ message: "Port must be a number." })
  .int("Port must be a whole number.")
  .min(1, "Port must be between 1 and 65535.")
  .max(65535, "Port must be between 1 and 65535.");
