import Link from "next/link";
import { UserMenu } from "@/components/auth/user-menu";
import { Dashboard } from "@/components/dashboard/dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { dashboardData } from "@/lib/dashboard/snapshot";
import { healthSnapshot } from "@/lib/health/registry";
import { machineKey } from "@/lib/health/types";
import { tileHistories } from "@/lib/history/tiles";

export const dynamic = "force-dynamic";

export default async function Home() {
  const user = await requirePage("dashboard:read", "/");
  const { tiles, machines } = await dashboardData();
  const seesMachines = can(user, "inventory:read");
  const health = healthSnapshot();
  // Uptime and sparklines are part of the page (and of its render cache): see lib/history/tiles.ts.
  const history = await tileHistories(tiles.filter((t) => t.hasCheck).map((t) => t.slug));
  // Anonymous visitors (when allowed) see tiles and health only: no machines, no actions.
  const shownHealth = seesMachines ? health : Object.fromEntries(Object.entries(health).filter(([k]) => !k.startsWith(machineKey(""))));
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      {/* An anonymous visitor has one link ("Log in"): no menu needed. */}
      <PageHeader title="Dashboard" menu={user !== null}>
        {seesMachines && (
          <Link
            prefetch={false}
            href="/inventory"
            className="inline-flex h-11 items-center rounded-lg border border-(--color-line) px-4 hover:border-(--color-accent)"
          >
            Inventory
          </Link>
        )}
        <UserMenu user={user} />
      </PageHeader>
      <Dashboard
        tiles={seesMachines ? tiles : tiles.map((t) => ({ ...t, machine: null, unit: null, ports: "" }))}
        machines={seesMachines ? machines : []}
        health={shownHealth}
        history={history}
        canDeploy={seesMachines && can(user, "jobs:run")}
      />
    </main>
  );
}
