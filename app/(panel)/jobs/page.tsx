import Link from "next/link";
import { UserMenu } from "@/components/auth/user-menu";
import { duration } from "@/components/jobs/format";
import { StatusBadge } from "@/components/jobs/status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/current";
import { listJobs } from "@/lib/jobs";
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
  const jobs = await listJobs({ ...filter, limit: 100 });
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
