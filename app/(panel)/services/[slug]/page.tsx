import Link from "next/link";
import { findOr404 } from "@/lib/http/find-or-404";
import { UserMenu } from "@/components/auth/user-menu";
import { HealthBadge } from "@/components/dashboard/health-badge";
import { percent } from "@/components/dashboard/tile-uptime";
import { PageHeader } from "@/components/ui/page-header";
import { stackTable as t } from "@/components/ui/stack-table";
import { requirePage } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { SLUG } from "@/lib/commands/patterns";
import { getService } from "@/lib/db/services";
import { healthSnapshot } from "@/lib/health/registry";
import { serviceKey } from "@/lib/health/types";
import { duration, instant } from "@/lib/history/format";
import { serviceHistory } from "@/lib/history/tiles";
import { visible } from "@/lib/text/visible";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  return { title: `History of ${(await params).slug}` };
}

/** A service's health history, read-only, for every role that sees the dashboard. */
export default async function ServiceHistoryPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requirePage("dashboard:read", `/services/${encodeURIComponent(slug)}`);
  const service = await findOr404(slug, SLUG, getService);
  const key = serviceKey(service.slug);
  const { uptime, incidents } = await serviceHistory(service.slug);
  const name = visible(service.name);
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title={name} menu={user !== null}>
        {can(user, "inventory:write") && (
          <Link
            prefetch={false}
            href={`/inventory/services/${encodeURIComponent(service.slug)}`}
            className="inline-flex h-11 items-center px-3"
          >
            Edit
          </Link>
        )}
        <UserMenu user={user} />
      </PageHeader>
      <section className="mt-4 flex flex-wrap items-center gap-3" aria-label="Now">
        {service.checkType === "none" ? (
          <p className="text-(--color-muted)">This service has no health check.</p>
        ) : (
          <HealthBadge result={healthSnapshot()[key]} label={name} />
        )}
        <dl data-testid="service-uptime" className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          {(["24 h", "7 d", "30 d"] as const).map((label, i) => (
            <div key={label} className="flex gap-2">
              <dt className="text-(--color-muted)">Uptime {label}</dt>
              <dd className="font-medium tabular-nums">{percent(uptime[i])}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="mt-8" aria-labelledby="incidents">
        <h2 id="incidents" className="mb-2 font-semibold">
          Incidents
        </h2>
        {incidents.length === 0 ? (
          <p data-testid="no-incidents" className="text-sm text-(--color-muted)">
            No incidents recorded.
          </p>
        ) : (
          <table data-testid="incidents" className={t.table}>
            <thead className={t.head}>
              <tr>
                <th className={t.th}>Down from</th>
                <th className={t.th}>Until</th>
                <th className={t.th}>How long</th>
                <th className={t.th}>Error</th>
              </tr>
            </thead>
            <tbody className={t.body}>
              {incidents.map((i) => (
                <tr key={i.startedAt} data-testid="incident" data-open={i.endedAt === null} className={t.row}>
                  <td className={t.title}>{instant(i.startedAt)}</td>
                  <td className={t.cell} data-label="Until">
                    {i.endedAt === null ? <span className="font-medium text-(--color-down)">still down</span> : instant(i.endedAt)}
                  </td>
                  <td className={`${t.cell} tabular-nums`} data-label="How long">
                    {duration(i.durationMs)}
                  </td>
                  <td className={t.cell} data-label="Error">
                    {visible(i.detail)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
