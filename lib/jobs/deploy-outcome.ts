// The honest outcome of a deploy: deploy-rs's exit code alone is not trusted. What counts is the
// system running before and after, the path deploy-rs says it deploys, and its rollback lines.

const STORE_PATH = /^\/nix\/store\/[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+._?=-]+$/;
/** `path = "/nix/store/..."` in deploy-rs's TOML summary of the profiles to deploy. */
const TOML_PATH = /^\s*path = "([^"]+)"\s*$/;
/** Lines deploy-rs (and the lab's stand-in) print when activation is undone. */
const ROLLBACK = [
  /De-activating due to error/,
  /Attempting to re-activate the last generation/,
  /Timeout elapsed for confirmation/,
  /the server should roll back/,
];

export type DeployScan = { deployedPath: string | null; rollbackSeen: boolean };

export function newDeployScan(): DeployScan {
  return { deployedPath: null, rollbackSeen: false };
}

/** Feed every output line of the deploy (both streams, before any log truncation). */
export function scanDeployLine(scan: DeployScan, line: string): void {
  const m = TOML_PATH.exec(line);
  if (m && STORE_PATH.test(m[1])) scan.deployedPath = m[1];
  if (!scan.rollbackSeen && ROLLBACK.some((r) => r.test(line))) scan.rollbackSeen = true;
}

export type DeployFacts = DeployScan & {
  exitCode: number | null;
  oldSystem: string | null;
  /** /run/current-system after the deploy; null when it could not be read. */
  newSystem: string | null;
};

export type Outcome = { status: "succeeded" | "failed" | "rolled-back"; message: string };

export function deployOutcome(f: DeployFacts): Outcome {
  const exit = f.exitCode === null ? "was killed" : `exited ${f.exitCode}`;
  if (f.newSystem === null) return { status: "failed", message: `deploy ${exit}; the running system could not be read afterwards` };
  const changed = f.oldSystem !== f.newSystem;
  const atTarget = f.deployedPath !== null && f.newSystem === f.deployedPath;
  if (f.exitCode === 0 && !f.rollbackSeen && (atTarget || (f.deployedPath === null && changed))) {
    return { status: "succeeded", message: changed ? `system changed to ${f.newSystem}` : `system already was ${f.newSystem}; re-activated` };
  }
  if (f.rollbackSeen && !changed) {
    return { status: "rolled-back", message: `deploy ${exit} and rolled back; ${f.oldSystem ?? "the old system"} is still active` };
  }
  if (f.exitCode === 0) {
    const why = f.rollbackSeen ? "printed rollback lines" : `left ${f.newSystem} running, not ${f.deployedPath ?? "a new system"}`;
    return { status: "failed", message: `deploy exited 0 but ${why}; check the machine` };
  }
  if (!changed) return { status: "failed", message: `deploy ${exit}; the system was not changed (${f.newSystem})` };
  return { status: "failed", message: `deploy ${exit} but the running system changed to ${f.newSystem}; check the machine` };
}
