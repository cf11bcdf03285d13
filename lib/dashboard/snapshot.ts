import "server-only";
// The dashboard's inventory, read once and kept until the inventory changes: every render of "/"
// (a miss of the page cache, another user, a health change) reuses it instead of two Prisma
// queries (about a third of an uncached render's CPU). Changes made in this process invalidate it
// at once (broadcastInventoryChanged); changes by another process show within OUTSIDE_CHANGE_MS.
import { OUTSIDE_CHANGE_MS } from "./freshness";
import { loadDashboard, type DashboardData } from "./load";

type Held = { version: number; at: number; data: Promise<DashboardData> };
type State = { version: number; held: Held | null };

const KEY = Symbol.for("homelab-panel.dashboard-snapshot");
const holder = globalThis as { [KEY]?: State };
const state = (): State => (holder[KEY] ??= { version: 0, held: null });

/** The inventory as the dashboard shows it; concurrent callers share one read. */
export function dashboardData(now = Date.now()): Promise<DashboardData> {
  const s = state();
  const h = s.held;
  if (h && h.version === s.version && now - h.at <= OUTSIDE_CHANGE_MS) return h.data;
  const held: Held = { version: s.version, at: now, data: loadDashboard() };
  s.held = held;
  held.data.catch(() => {
    if (s.held === held) s.held = null;
  });
  return held.data;
}

/** The inventory changed: the next render reads it again. */
export function invalidateDashboardData(): void {
  const s = state();
  s.version += 1;
  s.held = null;
}
