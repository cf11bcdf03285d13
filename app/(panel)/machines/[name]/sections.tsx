// The machine page's parts that wait for the machine itself (SSH, bounded): each is rendered
// inside <Suspense>, so the page shows at once and a machine that is down only shows "unreachable".
import type { ReactNode } from "react";
import { CheckoutCard } from "@/components/checkout/checkout-card";
import { ConnectionProblem } from "@/components/connection/connection-problem";
import { ChecksPanel } from "@/components/deploy/checks-panel";
import { GenerationsTimeline } from "@/components/deploy/generations-timeline";
import { MachineStatus } from "@/components/deploy/machine-status";
import { PreviewPanel } from "@/components/deploy/preview-panel";
import { RollbackButton } from "@/components/deploy/rollback-button";
import { UnitsList, type RestartResult, type UnitRow } from "@/components/deploy/units-list";
import { UnrecognisedNote } from "@/components/ui/unrecognised-note";
import { IsoList, type IsoRow } from "@/components/isos/iso-list";
import type { IsoEntry } from "@/lib/isos/iso-images";
import { alignUnits } from "@/lib/jobs/check-results";
import { driftOf } from "@/lib/machine/drift";
import { driftEvent } from "@/lib/notify/drift-rules";
import { notifyEvent } from "@/lib/notify/registry";
import { generationJobs, previousGeneration } from "@/lib/machine/generation-jobs";
import type { CheckoutRead } from "@/lib/machine/checkout";
import { deployedCommit, headMoved } from "@/lib/machine/deployed-commit";
import type { MachineLive } from "@/lib/machine/live-status";
import type { ChecksJob, MachinePageData, PreviewJob } from "@/lib/machine/page-data";

export type Plan = { rollbackHost: string; rollback: (n: number) => string[]; error: string | null };

type StatusProps = { live: Promise<MachineLive>; checkout: Promise<CheckoutRead>; data: MachinePageData };

export async function LiveStatus({ live, checkout, data }: StatusProps) {
  const [l, co] = await Promise.all([live, checkout]);
  const drift = driftOf(l.system?.path ?? null, data.lastChange, data.earlierSystems);
  // The running system is only read here (over SSH, when the page is seen): drift is reported from here, once per system.
  const found = driftEvent(data.machine.name, l.system?.path ?? null, drift);
  if (found) void notifyEvent(found);
  const deployed = deployedCommit(data.machine.name, l.system?.path ?? null, data.deploys);
  const moved = headMoved(deployed, co.ok ? co.state.head : null);
  return <MachineStatus live={l} drift={drift} machine={data.machine.name} deployed={deployed} headMoved={moved} />;
}

type CheckoutProps = {
  checkout: Promise<CheckoutRead>;
  machine: string;
  fetch: ReactNode;
  pull: (p: { branch: string; head: string; target: { hash: string; short: string }; count: number }) => ReactNode;
};

export async function LiveCheckout({ checkout, machine, fetch, pull }: CheckoutProps) {
  return <CheckoutCard read={await checkout} machine={machine} fetch={fetch} pull={pull} />;
}

export async function PreviousRollback({ live, plan }: { live: Promise<MachineLive>; plan: Plan }) {
  const l = await live;
  const prev = l.generations ? previousGeneration(l.generations) : null;
  const why = plan.error ?? (l.reachable ? (l.generations ? null : "generations could not be listed") : "the machine is unreachable");
  return (
    <RollbackButton
      host={plan.rollbackHost}
      generation={prev?.number ?? null}
      commands={prev ? plan.rollback(prev.number) : []}
      unavailable={why}
    />
  );
}

export async function LivePreview({ live, job }: { live: Promise<MachineLive>; job: PreviewJob }) {
  const l = await live;
  return <PreviewPanel job={job} runningPath={l.system?.path ?? null} />;
}

export async function LiveChecks({ live, job, plan }: { live: Promise<MachineLive>; job: ChecksJob; plan: Plan }) {
  const l = await live;
  const prev = l.generations ? previousGeneration(l.generations) : null;
  return (
    <ChecksPanel
      job={job}
      rollback={
        prev && !plan.error ? (
          <RollbackButton host={plan.rollbackHost} generation={prev.number} commands={plan.rollback(prev.number)} compact />
        ) : null
      }
    />
  );
}

type UnitsProps = {
  live: Promise<MachineLive>;
  services: { name: string; unit: string | null }[];
  machine: string;
  denied: string | null;
  restart: (unit: string) => Promise<RestartResult>;
};

export async function LiveUnits({ live, services, machine, denied, restart }: UnitsProps) {
  const l = await live;
  if (!l.reachable) return <ConnectionProblem what="Unit states unknown" error={l.error} setup={l.setup} machine={machine} />;
  const withUnit = services.filter((s): s is { name: string; unit: string } => !!s.unit);
  const aligned = alignUnits(
    withUnit.map((s) => s.unit),
    l.units ?? [],
  );
  const rows: UnitRow[] = withUnit.map((s, i) => {
    const u = l.units ? aligned[i] : undefined;
    return {
      service: s.name,
      unit: s.unit,
      activeState: u?.activeState ?? "unknown",
      subState: u?.subState ?? "",
      since: u?.since ?? null,
    };
  });
  return (
    <>
      {l.unitsError && <p className="mb-2 text-sm text-(--color-down)">Unit states could not be read: {l.unitsError}</p>}
      <UnitsList machine={machine} units={rows} denied={denied} restart={restart} />
      <UnrecognisedNote unrecognised={l.unitsUnrecognised} source="systemctl show's output" testId="units-unrecognised" />
    </>
  );
}

export async function LiveGenerations({ live, data, plan }: { live: Promise<MachineLive>; data: MachinePageData; plan: Plan }) {
  const l = await live;
  if (!l.reachable) return <ConnectionProblem what="Generations unknown" error={l.error} setup={l.setup} machine={data.machine.name} />;
  if (!l.generations) return <p className="text-sm text-(--color-down)">Generations could not be listed: {l.generationsError}</p>;
  const rows = generationJobs(l.generations, data.deploys, l.generationFacts, l.pathOrigins);
  const commands = plan.error ? {} : Object.fromEntries(rows.filter((g) => !g.current).map((g) => [g.number, plan.rollback(g.number)]));
  return (
    <>
      <GenerationsTimeline rows={rows} host={plan.rollbackHost} commands={commands} running={l.system?.path ?? null} />
      <UnrecognisedNote unrecognised={l.generationsUnrecognised} source="nix-env's output" testId="generations-unrecognised" />
      <UnrecognisedNote unrecognised={l.pathOriginsUnrecognised} source="nix path-info's output" testId="path-info-unrecognised" />
      {l.pathOriginsError && (
        <p className="mt-2 text-sm text-(--color-muted)">Where each generation was built could not be read: {l.pathOriginsError}</p>
      )}
    </>
  );
}

type IsoProps = { isos: Promise<IsoEntry[]>; canDownload: boolean; deleteButton: ((row: IsoRow) => ReactNode) | null };

/** The installer images, each checked on its build host (bounded; unreachable: "unknown"). */
export async function LiveIsos({ isos, canDownload, deleteButton }: IsoProps) {
  const rows: IsoRow[] = (await isos).map((e) => ({
    jobId: e.jobId,
    fileName: e.image.fileName,
    size: e.image.size,
    sha256: e.image.sha256,
    builtAt: e.builtAt,
    builder: e.builder,
    commit: e.commit,
    commitSubject: e.commitSubject,
    dirty: e.dirty,
    presence: e.presence,
    note: e.note,
  }));
  return <IsoList rows={rows} canDownload={canDownload} deleteButton={deleteButton} />;
}
