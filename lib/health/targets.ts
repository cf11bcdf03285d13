// Which checks the inventory asks for: services with an HTTP/TCP check, machines with an SSH address.
import { machineKey, serviceKey, type HealthTarget } from "./types";

type ServiceRow = { slug: string; checkType: string; checkTarget: string };
type MachineRow = { name: string; sshHost: string | null; sshPort: number };

export function tcpTarget(key: string, hostPort: string): HealthTarget | null {
  const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(hostPort);
  if (!m) return null;
  return { key, kind: "tcp", host: m[1], port: Number(m[2]) };
}

export function targetsFor(services: ServiceRow[], machines: MachineRow[]): HealthTarget[] {
  const targets: HealthTarget[] = [];
  for (const s of services) {
    if (s.checkType === "http" && s.checkTarget) targets.push({ key: serviceKey(s.slug), kind: "http", url: s.checkTarget });
    if (s.checkType === "tcp") {
      const t = tcpTarget(serviceKey(s.slug), s.checkTarget);
      if (t) targets.push(t);
    }
  }
  for (const m of machines) {
    if (m.sshHost) targets.push({ key: machineKey(m.name), kind: "tcp", host: m.sshHost, port: m.sshPort });
  }
  return targets;
}

export function targetHost(t: HealthTarget): string {
  return t.kind === "tcp" ? t.host : new URL(t.url).hostname;
}
