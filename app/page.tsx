import Link from "next/link";
import { Dashboard } from "@/components/dashboard/dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { loadDashboard } from "@/lib/dashboard/load";
import { healthSnapshot } from "@/lib/health/registry";

export const dynamic = "force-dynamic";

export default async function Home() {
  const { tiles, machines } = await loadDashboard();
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title="Dashboard">
        <Link href="/inventory" className="inline-flex h-11 items-center rounded-lg border border-(--color-line) px-4 hover:border-(--color-accent)">
          Inventory
        </Link>
      </PageHeader>
      <Dashboard tiles={tiles} machines={machines} health={healthSnapshot()} />
    </main>
  );
}
