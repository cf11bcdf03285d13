// The header card's live half: can the panel reach the machine, what system runs (generation,
// NixOS version, store path, activation time, deploy-rs's wrapper around it), whether the system
// profile points at something else (what boots next), and does it match what the panel last deployed.
import type { DeployedCommit } from "@/lib/machine/deployed-commit";
import type { Drift } from "@/lib/machine/drift";
import type { MachineLive } from "@/lib/machine/live-status";
import { ConnectionProblem } from "../connection/connection-problem";
import { formatTime } from "./format";
import { visible } from "@/lib/text/visible";

const DRIFT_STYLE: Record<Drift["state"], string> = {
  matches: "text-(--color-up)",
  none: "text-(--color-muted)",
  unknown: "text-(--color-muted)",
  "rolled-back": "text-(--color-slow)",
  outside: "text-(--color-slow)",
};

type Props = { live: MachineLive; drift: Drift; machine: string; deployed: DeployedCommit | null; headMoved: string | null };

export function MachineStatus({ live, drift, machine, deployed, headMoved }: Props) {
  const current = live.generations?.find((g) => g.current) ?? null;
  return (
    <div data-testid="machine-status" className="grid grid-cols-[minmax(0,1fr)] gap-3">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span
          data-testid="reachability"
          data-reachable={live.reachable}
          className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium ${live.reachable ? "border-(--color-up)/40 text-(--color-up)" : "border-(--color-down)/40 text-(--color-down)"}`}
        >
          <span aria-hidden="true" className="size-2 rounded-full bg-current" />
          {live.reachable ? "reachable" : "unreachable"}
        </span>
      </p>
      {live.error && <ConnectionProblem error={live.error} setup={live.setup} machine={machine} />}
      {live.system && (
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
          <dt className="text-(--color-muted)">Generation</dt>
          <dd data-testid="current-generation" data-number={current?.number ?? ""}>
            {current ? current.number : live.generationsError ? "unknown (generations could not be listed)" : "—"}
          </dd>
          <dt className="text-(--color-muted)">NixOS</dt>
          <dd data-testid="nixos-version">{live.system.version ?? "—"}</dd>
          <dt className="text-(--color-muted)">System</dt>
          <dd data-testid="system-path" className="break-all font-mono text-xs leading-5">
            {live.system.path}
          </dd>
          {live.system.wrapper && (
            <>
              <dt className="text-(--color-muted)">Deployed as</dt>
              <dd
                data-testid="system-wrapper"
                className="break-all font-mono text-xs leading-5"
                title="deploy-rs's activatable wrapper: the system profile points here, /run/current-system at the system inside"
              >
                {live.system.wrapper}
              </dd>
            </>
          )}
          {live.system.profileDiffers && (
            <>
              <dt className="text-(--color-muted)">Next boot</dt>
              <dd data-testid="profile-differs" className="text-(--color-slow)">
                the system profile points at generation {live.system.profileGeneration ?? "?"}, which is not what runs
              </dd>
            </>
          )}
          <dt className="text-(--color-muted)">Activated</dt>
          <dd>{formatTime(live.system.activatedAt)}</dd>
          <dt className="text-(--color-muted)">Commit</dt>
          <dd data-testid="deployed-commit" data-commit={deployed?.commit ?? ""} data-dirty={deployed?.dirty ?? ""}>
            {deployed ? (
              <a className="underline-offset-2 hover:underline" href={`/jobs/${deployed.jobId}`}>
                {visible(deployed.text)}
              </a>
            ) : (
              <span className="text-(--color-muted)">unknown (no panel deploy that recorded its commit left what runs)</span>
            )}
          </dd>
          <dt className="text-(--color-muted)">Drift</dt>
          <dd data-testid="drift" data-state={drift.state} className={DRIFT_STYLE[drift.state]}>
            {"jobId" in drift ? (
              <a className="underline-offset-2 hover:underline" href={`/jobs/${drift.jobId}`}>
                {drift.text}
              </a>
            ) : (
              drift.text
            )}
            {headMoved && (
              <span data-testid="head-moved" className="block text-(--color-slow)">
                {visible(headMoved)}
              </span>
            )}
          </dd>
        </dl>
      )}
    </div>
  );
}
