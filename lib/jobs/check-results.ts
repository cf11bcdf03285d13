// Post-deploy checks, the pure part: which checks a machine's services ask for, and the verdict.
// A unit passes when systemd says it is active; an HTTP check passes when the service answers
// (up or slow); an HTTP check whose host HEALTH_CHECK_ALLOW does not allow is skipped, not failed.
import type { UnitStatus } from "../systemd/show";

export type CheckService = { name: string; unit: string | null; url: string | null; checkType: string; checkTarget: string };
export type UnitCheck = { service: string; unit: string; activeState: string; subState: string; ok: boolean };
export type HttpCheck = { service: string; url: string; status: "up" | "slow" | "down" | "skipped"; detail: string; ok: boolean };
export type PostChecks = { ok: boolean; at: string; summary: string; units: UnitCheck[]; http: HttpCheck[]; error: string | null };

/** Services with a unit, one entry per distinct unit. */
export function unitsToCheck(services: CheckService[]): { service: string; unit: string }[] {
  const seen = new Set<string>();
  const out: { service: string; unit: string }[] = [];
  for (const s of services) {
    if (!s.unit || seen.has(s.unit)) continue;
    seen.add(s.unit);
    out.push({ service: s.name, unit: s.unit });
  }
  return out;
}

/** The HTTP(S) URL to check for a service: its http check target, else its URL; null when none. */
export function httpUrlOf(s: CheckService): string | null {
  const candidate = s.checkType === "http" && s.checkTarget ? s.checkTarget : s.url;
  if (!candidate) return null;
  try {
    const u = new URL(candidate);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : null;
  } catch {
    return null;
  }
}

/**
 * The status of each requested unit. `systemctl show` prints one block per requested name, in
 * order, but names an alias by its real unit (sshd.service shows Id=ssh.service): match by
 * position when every name got a block, else by Id.
 */
export function alignUnits(requested: string[], statuses: UnitStatus[]): (UnitStatus | undefined)[] {
  if (statuses.length === requested.length) return statuses;
  return requested.map((unit) => statuses.find((x) => x.id === unit || x.id === `${unit}.service`));
}

export function unitChecks(wanted: { service: string; unit: string }[], statuses: UnitStatus[]): UnitCheck[] {
  const aligned = alignUnits(
    wanted.map((w) => w.unit),
    statuses,
  );
  return wanted.map(({ service, unit }, i) => {
    const s = aligned[i];
    const activeState = s?.activeState ?? "unknown";
    return { service, unit, activeState, subState: s?.subState ?? "", ok: activeState === "active" };
  });
}

/** True while some unit is still on its way (activating/reloading): worth reading again. */
export function unitsSettling(checks: UnitCheck[]): boolean {
  return checks.some((c) => !c.ok);
}

export function postChecksVerdict(units: UnitCheck[], http: HttpCheck[], at: Date, error: string | null = null): PostChecks {
  const failedUnits = units.filter((u) => !u.ok);
  const failedHttp = http.filter((h) => !h.ok);
  const skipped = http.filter((h) => h.status === "skipped").length;
  const ok = error === null && failedUnits.length === 0 && failedHttp.length === 0;
  const parts: string[] = [];
  if (error) parts.push(`checks could not run: ${error}`);
  if (failedUnits.length) parts.push(`not active: ${failedUnits.map((u) => `${u.unit} (${u.activeState})`).join(", ")}`);
  if (failedHttp.length) parts.push(`HTTP down: ${failedHttp.map((h) => `${h.service} (${h.detail})`).join(", ")}`);
  if (ok)
    parts.push(
      `${units.length} unit${units.length === 1 ? "" : "s"} active, ${http.length - skipped} HTTP check${http.length - skipped === 1 ? "" : "s"} up`,
    );
  if (skipped) parts.push(`${skipped} HTTP check${skipped === 1 ? "" : "s"} skipped (host not in HEALTH_CHECK_ALLOW)`);
  return { ok, at: at.toISOString(), summary: parts.join("; "), units, http, error };
}
