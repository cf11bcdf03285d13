import { notFound } from "next/navigation";
import { UserMenu } from "@/components/auth/user-menu";
import { FleetView } from "@/components/fleet/fleet-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { jobIdParam } from "@/lib/jobs/api-schemas";
import { getFleet } from "@/lib/jobs/fleet";
import { visible } from "@/lib/text/visible";

export const dynamic = "force-dynamic";
export const metadata = { title: "Fleet deploy" };

/** A fleet deploy: the summary, then a column per machine with its deploy job's live status and log. */
export default async function FleetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePage("jobs:read", `/fleet/${encodeURIComponent(id)}`);
  const fleetId = jobIdParam.safeParse(id);
  if (!fleetId.success) notFound();
  let page;
  try {
    page = await getFleet(fleetId.data);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  const { fleet, busy } = page;
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title={`Fleet deploy #${fleet.id}`}>
        <UserMenu user={user} />
      </PageHeader>
      <p className="mb-2 text-sm text-(--color-muted)" data-testid="fleet-header">
        {fleet.children.length} machine{fleet.children.length === 1 ? "" : "s"}, one deploy-rs run each, started by{" "}
        {fleet.requestedBy ? visible(fleet.requestedBy) : "the panel"} at{" "}
        <time dateTime={fleet.createdAt}>{fleet.createdAt.replace("T", " ").slice(0, 19)} UTC</time>
      </p>
      <FleetView fleet={fleet} busy={busy} canCancel={can(user, "jobs:run")} />
    </main>
  );
}
