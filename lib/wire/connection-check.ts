// The connection checks of a machine, in the order they run, and the shape of one result. Shared
// by the server (lib/machine/connection-check.ts) and the checks panel in the browser.
export const CHECK_STEPS = [
  { id: "tcp", title: "TCP reachable", blocking: true },
  { id: "host-key", title: "Host key", blocking: true },
  { id: "login", title: "Login with the panel's key", blocking: true },
  { id: "sudo", title: "Passwordless sudo", blocking: false },
  { id: "nix", title: "nix with flakes", blocking: false },
  { id: "flake", title: "Flake checkout", blocking: false },
  { id: "deploy", title: "deploy-rs runnable", blocking: false },
] as const;

export type CheckId = (typeof CHECK_STEPS)[number]["id"];
export const CHECK_IDS = CHECK_STEPS.map((s) => s.id) as [CheckId, ...CheckId[]];

/** ok: green; failed: red with a fix; skipped: not needed here (e.g. sudo as root). */
export const CHECK_STATUSES = ["ok", "failed", "skipped"] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export type CheckResult = {
  id: CheckId;
  status: CheckStatus;
  /** What was found (e.g. "10.231.1.2:22 answered", the fingerprint, the checkout's path). */
  detail: string;
  /** What to do about a failure, spelled out; null when nothing is to be done. */
  fix: string | null;
  /** The fingerprint the host presented when it is not trusted (an admin may trust it). */
  presentedFingerprint?: string | null;
  /** NixOS lines to add (shown as code with a copy button). */
  snippet?: string | null;
};

/** The steps after a blocking failure cannot run: they are shown as not run. */
export function stepsAfter(id: CheckId): CheckId[] {
  const i = CHECK_IDS.indexOf(id);
  return CHECK_IDS.slice(i + 1);
}

export function isBlocking(id: CheckId): boolean {
  return CHECK_STEPS.some((s) => s.id === id && s.blocking);
}
