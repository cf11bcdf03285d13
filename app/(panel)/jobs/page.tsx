import Link from "next/link";
import { UserMenu } from "@/components/auth/user-menu";
import { duration } from "@/components/jobs/format";
import { StatusBadge } from "@/components/jobs/status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/current";
import { listJobs } from "@/lib/jobs";
import { listFleets } from "@/lib/jobs/fleet";
import { listJobsQuery } from "@/lib/jobs/api-schemas";
import { visible } from "@/lib/text/visible";

export const dynamic = "force-dynamic";
export const metadata = { title: "Jobs" };

const cell = "px-3 py-2 text-left align-top";

export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("jobs:read", "/jobs");
  const raw = Object.fromEntries(
    Object.entries(await searchParams).filter(([k, v]) => typeof v === "string" && v !== "" && ["machine", "status", "kind"].includes(k)),
  );
  const parsed = listJobsQuery.safeParse(raw);
  const filter = parsed.success ? parsed.data : {};
  const [jobs, fleets] = await Promise.all([listJobs({ ...filter, limit: 100 }), listFleets(5)]);
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title="Jobs">
        <UserMenu user={user} />
      </PageHeader>
      {!parsed.success && (
        <p role="alert" className="my-2 text-sm text-(--color-down)">
          Ignored a filter that is not valid.
        </p>
      )}
      {fleets.length > 0 && (
        <section aria-labelledby="fleets" className="mt-4">
          <h2 id="fleets" className="mb-1 text-sm font-semibold text-(--color-muted)">
            Recent fleet deploys
          </h2>
          <ul className="flex flex-wrap gap-2" data-testid="fleet-list">
            {fleets.map((f) => (
              <li key={f.id}>
                <Link
                  prefetch={false}
                  href={`/fleet/${f.id}`}
                  className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-(--color-line) px-3 text-sm hover:border-(--color-accent)"
                >
                  <span className="font-medium">#{f.id}</span>
                  <span className="font-mono text-xs">{f.children.map((c) => c.machine).join(", ")}</span>
                  <span className="text-xs text-(--color-muted)">{f.summary.text}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {jobs.length === 0 ? (
        <p
          data-testid="jobs-empty"
          className="mt-4 rounded-xl border border-dashed border-(--color-line) p-8 text-center text-(--color-muted)"
        >
          No jobs yet. Builds, deploys and other jobs started on a machine appear here.
        </p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-xl border border-(--color-line) bg-(--color-panel)">
          <table className="w-full text-sm">
            <thead className="text-(--color-muted)">
              <tr>
                <th className={cell}>Job</th>
                <th className={cell}>Status</th>
                <th className={`${cell} hidden sm:table-cell`}>By</th>
                <th className={cell}>When</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id} className="border-t border-(--color-line)" data-testid="job-row" data-id={j.id}>
                  <td className={cell}>
                    <Link prefetch={false} href={`/jobs/${j.id}`} className="inline-flex min-h-11 flex-col justify-center hover:underline">
                      <span className="font-medium">
                        #{j.id} {j.kind}
                      </span>
                      <span className="font-mono text-xs text-(--color-muted)">{j.machine}</span>
                    </Link>
                  </td>
                  <td className={cell}>
                    <StatusBadge status={j.status} />
                  </td>
                  <td className={`${cell} hidden sm:table-cell`}>{j.requestedBy ? visible(j.requestedBy) : "—"}</td>
                  <td className={`${cell} tabular-nums`}>
                    <time dateTime={j.createdAt}>{j.createdAt.replace("T", " ").slice(0, 16)}</time>
                    {j.startedAt && (
                      <span className="block text-xs text-(--color-muted)">
                        {duration(new Date(j.finishedAt ?? new Date()).getTime() - Date.parse(j.startedAt))}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
