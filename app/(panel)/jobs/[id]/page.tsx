import Link from "next/link";
import { notFound } from "next/navigation";
import { UserMenu } from "@/components/auth/user-menu";
import { JobLiveView } from "@/components/jobs/job-live-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { getJobPage } from "@/lib/jobs";
import { jobIdParam } from "@/lib/jobs/api-schemas";
import { visible } from "@/lib/text/visible";
import { commitLabel } from "@/lib/git/checkout-state";
import { promoteOf, promotedFromText } from "@/lib/wire/promote";

export const dynamic = "force-dynamic";
export const metadata = { title: "Job" };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePage("jobs:read", `/jobs/${encodeURIComponent(id)}`);
  const jobId = jobIdParam.safeParse(id);
  if (!jobId.success) notFound();
  let page;
  try {
    page = await getJobPage(jobId.data);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  const { job, live } = page;
  const promoted = job.kind === "deploy" ? promoteOf(job.args) : null;
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title={`Job #${job.id}`}>
        <UserMenu user={user} />
      </PageHeader>
      <dl className="mb-3 flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="job-header">
        <div>
          <dt className="inline text-(--color-muted)">Kind </dt>
          <dd className="inline font-mono" data-testid="job-kind">
            {job.kind}
          </dd>
        </div>
        <div>
          <dt className="inline text-(--color-muted)">Machine </dt>
          <dd className="inline font-mono">{job.machine}</dd>
        </div>
        <div>
          <dt className="inline text-(--color-muted)">Started by </dt>
          <dd className="inline">{job.requestedBy ? visible(job.requestedBy) : "the panel"}</dd>
        </div>
        <div>
          <dt className="inline text-(--color-muted)">Created </dt>
          <dd className="inline">
            <time dateTime={job.createdAt}>{job.createdAt.replace("T", " ").slice(0, 19)} UTC</time>
          </dd>
        </div>
        {job.commit && (
          <div>
            <dt className="inline text-(--color-muted)">Commit </dt>
            <dd className="inline" data-testid="job-commit" data-commit={job.commit} data-dirty={job.dirty ?? ""}>
              <span title={job.commit}>{visible(commitLabel({ hash: job.commit, subject: job.commitSubject }))}</span>
              {job.dirty ? <span className="text-(--color-slow)"> plus uncommitted changes</span> : null}
            </dd>
          </div>
        )}
        {job.builtOn && (
          <div>
            <dt className="inline text-(--color-muted)">Built on </dt>
            <dd className="inline" data-testid="job-built-on">
              {visible(job.builtOn)}
            </dd>
          </div>
        )}
        {job.lockHash && (
          <div>
            <dt className="inline text-(--color-muted)">flake.lock </dt>
            <dd className="inline font-mono" data-testid="job-lock" data-lock={job.lockHash} title={`sha256 ${job.lockHash}`}>
              sha256 {job.lockHash.slice(0, 12)}
            </dd>
          </div>
        )}
        {promoted && (
          <div>
            <dt className="inline text-(--color-muted)">Revision </dt>
            <dd className="inline" data-testid="job-promoted-from" data-from={promoted.from ?? ""}>
              {promoted.from ? (
                <Link prefetch={false} href={`/jobs/${promoted.from}`}>
                  {promotedFromText(promoted)}
                </Link>
              ) : (
                promotedFromText(promoted)
              )}
            </dd>
          </div>
        )}
        {job.fleetId !== null && (
          <div>
            <dt className="inline text-(--color-muted)">Part of </dt>
            <dd className="inline">
              <Link
                href={`/fleet/${job.fleetId}`}
                className="text-(--color-accent) underline-offset-2 hover:underline"
                data-testid="job-fleet"
              >
                fleet deploy #{job.fleetId}
              </Link>
            </dd>
          </div>
        )}
        {job.exitCode !== null && (
          <div>
            <dt className="inline text-(--color-muted)">Exit code </dt>
            <dd className="inline font-mono">{job.exitCode}</dd>
          </div>
        )}
      </dl>
      <JobLiveView initial={live} canCancel={can(user, "jobs:run")} canJournal={can(user, "jobs:read")} />
    </main>
  );
}
