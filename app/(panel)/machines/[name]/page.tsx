import Link from "next/link";
import { findOr404 } from "@/lib/http/find-or-404";
import { Suspense } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { ConnectionChecks } from "@/components/connection/connection-checks";
import { HistoryList } from "@/components/deploy/history-list";
import { JobActions } from "@/components/deploy/job-actions";
import { JobPanel } from "@/components/deploy/job-panel";
import { MachineJobsProvider } from "@/components/deploy/machine-jobs";
import { RollbackButton } from "@/components/deploy/rollback-button";
import { Section, SectionSkeleton } from "@/components/deploy/section";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { parseHistoryQuery } from "@/lib/machine/history-query";
import { machineLive } from "@/lib/machine/live-status";
import { machineCheckout } from "@/lib/machine/checkout";
import { FetchButton } from "@/components/checkout/fetch-button";
import { PullButton } from "@/components/checkout/pull-button";
import { InputUpdate } from "@/components/checkout/input-update";
import { fetchCheckoutAction, pullCheckoutAction } from "./checkout-actions";
import { ScheduleSelect } from "@/components/checkout/schedule-select";
import { acceptFlakeUpdateAction, cancelFlakeUpdateAction, setFlakeScheduleAction } from "./flake-update-actions";
import { commandPlan, machinePageData } from "@/lib/machine/page-data";
import { MACHINE_NAME } from "@/lib/commands/patterns";
import { MachineResources } from "@/components/metrics/machine-resources";
import { grafanaLink } from "@/lib/metrics/source";
import { trustHostKeyAction } from "../../inventory/host-key-actions";
import { restartUnitAction } from "./actions";
import { runCheckAction } from "./check-actions";
import { promoteAction } from "./promote-actions";
import { PromoteCard } from "@/components/promote/promote-card";
import { promoteView } from "@/lib/machine/promote";
import { deleteIsoAction } from "./iso-actions";
import { listIsos } from "@/lib/isos/iso-images";
import { BuildIsoButton } from "@/components/isos/build-iso-button";
import { DeleteIsoButton } from "@/components/isos/delete-iso-button";
import { LiveCheckout, LiveChecks, LiveGenerations, LiveIsos, LivePreview, LiveStatus, LiveUnits, PreviousRollback } from "./sections";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  return { title: (await params).name };
}

const navLink = "inline-flex h-11 items-center rounded-lg border border-(--color-line) px-4 hover:border-(--color-accent)";

export default async function MachinePage({ params, searchParams }: Props) {
  const { name } = await params;
  const base = `/machines/${encodeURIComponent(name)}`;
  const user = await requirePage("jobs:read", base);
  const query = parseHistoryQuery(await searchParams);
  const data = await findOr404(name, MACHINE_NAME, (n) => machinePageData(n, query));
  const [plan, promote] = await Promise.all([commandPlan(name), promoteView(name)]);
  const m = data.machine;
  const units = m.services.map((s) => s.unit).filter((u): u is string => !!u);
  const live = machineLive(name, units.join(" "));
  const checkout = machineCheckout(name);
  const denied = can(user, "jobs:run") ? null : "Your role can look but not run jobs (needs jobs:run).";
  // An installer image is built, listed and downloaded (lib/isos), never deployed.
  const installer = m.role === "installer";
  const restartDenied = can(user, "units:restart") ? null : "Your role cannot restart units (needs units:restart).";

  return (
    <main className="mx-auto max-w-5xl px-4 pb-10">
      <PageHeader title={m.name}>
        <Link prefetch={false} href="/" className={navLink}>
          Dashboard
        </Link>
        {can(user, "inventory:write") && (
          <Link prefetch={false} href={`/inventory/machines/${m.name}`} className={navLink}>
            Edit
          </Link>
        )}
        <UserMenu user={user} />
      </PageHeader>
      <MachineJobsProvider machine={m.name} canRun={denied === null} denied={denied} initialBusy={data.busy}>
        <Section title="Status" testId="status-card">
          <p className="mb-3 text-sm text-(--color-muted)">
            <span className="font-mono">{m.system}</span> · {m.role} · {m.sshUser && m.sshHost ? `${m.sshUser}@${m.sshHost}` : "no SSH"}
            {m.buildHost && m.buildHost !== m.name ? ` · builds on ${m.buildHost}` : ""}
            {m.neverBuilds && (
              <span
                data-testid="never-builds"
                title="Nothing is built or evaluated on this machine: its build host builds its system and deploy-rs copies the closure to it."
              >
                {" · never builds"}
              </span>
            )}
            {m.testFor && (
              <span data-testid="test-machine-of">
                {" · test machine of "}
                <Link href={`/machines/${encodeURIComponent(m.testFor)}`}>{m.testFor}</Link>
              </span>
            )}
            {promote && (
              <span data-testid="tested-first-on">
                {" · tested first on "}
                <Link href={`/machines/${encodeURIComponent(promote.test)}`}>{promote.test}</Link>
              </span>
            )}
            {m.deployable ? "" : " · not deployable"}
          </p>
          {installer ? (
            <p className="text-sm">An installer image: built on its build host, downloaded from the panel, never deployed.</p>
          ) : (
            <Suspense
              fallback={
                <p role="status" className="text-sm text-(--color-muted)">
                  Asking {m.name}…
                </p>
              }
            >
              <LiveStatus live={live} checkout={checkout} data={data} />
            </Suspense>
          )}
        </Section>

        {!installer && (
          <Section id="resources" title="Resources" testId="resources-card">
            <MachineResources machine={m.name} grafanaUrl={grafanaLink(m.name)} />
          </Section>
        )}

        {!installer && (
          <Section id="checkout" title="Flake checkout" testId="checkout-card">
            <Suspense fallback={<p className="text-sm text-(--color-muted)">Reading the checkout…</p>}>
              <LiveCheckout
                checkout={checkout}
                machine={m.name}
                fetch={<FetchButton machine={m.name} fetchAction={fetchCheckoutAction} denied={denied} />}
                pull={(p) => <PullButton machine={m.name} {...p} pullAction={pullCheckoutAction} denied={denied} />}
              />
            </Suspense>
            <InputUpdate
              job={data.inputUpdate}
              schedule={<ScheduleSelect value={data.flakeSchedule} set={can(user, "inventory:write") ? setFlakeScheduleAction : null} />}
              accept={acceptFlakeUpdateAction}
              cancel={cancelFlakeUpdateAction}
            />
          </Section>
        )}

        {!installer && (
          <Section
            id="connection"
            title="Connection"
            aside={
              <Link
                prefetch={false}
                href={`/first-run?machine=${encodeURIComponent(m.name)}`}
                className="text-sm text-(--color-accent) underline"
              >
                First-run guide
              </Link>
            }
          >
            <ConnectionChecks
              machine={m.name}
              run={runCheckAction}
              trust={can(user, "hostkeys:trust") ? trustHostKeyAction.bind(null, m.name) : null}
            />
          </Section>
        )}

        {promote && (
          <Section id="promote" title="Promote" testId="promote-card">
            <PromoteCard view={promote} canOverride={can(user, "promote:override")} promote={promoteAction} />
          </Section>
        )}

        <Section title="Actions">
          {installer ? (
            <BuildIsoButton builder={m.buildHost && m.buildHost !== m.name ? m.buildHost : null} />
          ) : (
            <JobActions
              host={plan.host}
              deployCommand={plan.deploy}
              deployUnavailable={plan.error}
              rollback={
                <Suspense
                  fallback={<RollbackButton host={plan.rollbackHost} generation={null} commands={[]} unavailable="reading generations…" />}
                >
                  <PreviousRollback live={live} plan={plan} />
                </Suspense>
              }
            />
          )}
          <JobPanel />
        </Section>

        {installer && (
          <Section id="isos" title="Installer images" testId="iso-card">
            <div>
              <Suspense
                fallback={
                  <p role="status" className="text-sm text-(--color-muted)">
                    Looking for the images on the build host…
                  </p>
                }
              >
                <LiveIsos
                  isos={listIsos(m.name)}
                  canDownload={can(user, "iso:download")}
                  deleteButton={
                    can(user, "iso:delete")
                      ? (r) => <DeleteIsoButton jobId={r.jobId} fileName={r.fileName} remove={deleteIsoAction} />
                      : null
                  }
                />
              </Suspense>
            </div>
          </Section>
        )}

        {data.checks && (
          <Section title="Checks after the last change">
            <Suspense fallback={<SectionSkeleton title="Checks" lines={2} />}>
              <LiveChecks live={live} job={data.checks} plan={plan} />
            </Suspense>
          </Section>
        )}

        {!installer && (
          <Section id="preview" title="Preview before deploy">
            {data.preview ? (
              <Suspense fallback={<p className="text-sm text-(--color-muted)">Comparing with the running system…</p>}>
                <LivePreview live={live} job={data.preview} />
              </Suspense>
            ) : (
              <p className="text-sm text-(--color-muted)">Build the configuration to see which packages and units a deploy would change.</p>
            )}
          </Section>
        )}

        {!installer && (
          <div className="grid gap-x-4 lg:grid-cols-2">
            <Section id="units" title="Units">
              <Suspense fallback={<p className="text-sm text-(--color-muted)">Reading units…</p>}>
                <LiveUnits
                  live={live}
                  services={m.services}
                  machine={m.name}
                  denied={restartDenied}
                  restart={restartUnitAction.bind(null, m.name)}
                />
              </Suspense>
            </Section>
            <Section id="generations" title="Generations">
              <Suspense fallback={<p className="text-sm text-(--color-muted)">Listing generations…</p>}>
                <LiveGenerations live={live} data={data} plan={plan} />
              </Suspense>
            </Section>
          </div>
        )}
        <Section id="history" title="History" testId="history">
          <HistoryList jobs={data.history} query={query} base={base} />
        </Section>
      </MachineJobsProvider>
    </main>
  );
}
