// Which commit the running system came from, and whether the checkout's HEAD moved past it. The
// deploy that left the running system (its newSystem) recorded the commit it built from.
import { commitLabel } from "../git/checkout-state";

export type CommitJob = {
  id: number;
  newSystem?: string | null;
  commit: string | null;
  commitSubject: string | null;
  dirty: boolean | null;
};

export type DeployedCommit = {
  jobId: number;
  commit: string;
  subject: string | null;
  dirty: boolean;
  /** "frame1 runs a1b2c3d 'grafana: bump'" */
  text: string;
};

/** The newest succeeded deploy (newest first in `deploys`) that left `running`, if it recorded a commit. */
export function deployedCommit(machine: string, running: string | null, deploys: CommitJob[]): DeployedCommit | null {
  if (!running) return null;
  const d = deploys.find((j) => j.newSystem === running);
  if (!d || !d.commit) return null;
  const label = commitLabel({ hash: d.commit, subject: d.commitSubject });
  return {
    jobId: d.id,
    commit: d.commit,
    subject: d.commitSubject,
    dirty: d.dirty === true,
    text: `${machine} runs ${label}${d.dirty ? " plus uncommitted changes" : ""}`,
  };
}

/** null when HEAD is the deployed commit (or either is unknown); otherwise the sentence for drift. */
export function headMoved(deployed: DeployedCommit | null, head: { hash: string; subject: string } | null): string | null {
  if (!deployed || !head || head.hash === deployed.commit) return null;
  const now = commitLabel({ hash: head.hash, subject: head.subject });
  return `the checkout's HEAD has moved past the deployed commit ${commitLabel({ hash: deployed.commit, subject: null })}: it is ${now}`;
}
