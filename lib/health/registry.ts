import "server-only";
// The process's one health monitor, on globalThis so Next's pages and server.ts share it.
import { env } from "../env";
import { db } from "../db/client";
import { inventoryHostsOf, parseAllowList } from "./allow";
import { HealthMonitor } from "./monitor";
import { targetsFor } from "./targets";
import type { HealthSnapshot } from "./types";

const KEY = Symbol.for("homelab-panel.health");
type Holder = { [KEY]?: HealthMonitor };
const holder = globalThis as Holder;

export function healthMonitor(): HealthMonitor {
  if (!holder[KEY]) {
    const e = env();
    let inventory: ReadonlySet<string> = new Set();
    holder[KEY] = new HealthMonitor({
      intervalMs: e.HEALTH_INTERVAL_MS,
      timeoutMs: e.HEALTH_TIMEOUT_MS,
      slowMs: e.HEALTH_SLOW_MS,
      startWaitMs: e.HEALTH_START_WAIT_MS,
      allow: parseAllowList(e.HEALTH_CHECK_ALLOW, () => inventory),
      loadTargets: async () => {
        const [services, machines] = await Promise.all([
          db().service.findMany({ select: { slug: true, checkType: true, checkTarget: true, url: true } }),
          db().machine.findMany({ select: { name: true, sshHost: true, sshPort: true } }),
        ]);
        inventory = inventoryHostsOf(
          machines,
          services.map((s) => s.url),
        );
        return targetsFor(services, machines);
      },
    });
  }
  return holder[KEY];
}

/** Latest results for server rendering; empty when no monitor runs in this process. */
export function healthSnapshot(): HealthSnapshot {
  return holder[KEY]?.snapshot() ?? {};
}

/** Re-check now, e.g. after the inventory changed; a no-op where no monitor runs. */
export function requestHealthRefresh(): void {
  void holder[KEY]?.refresh();
}
