import "server-only";
// What the machine page shows of the host itself, read over SSH within a bound so the page never
// hangs on a machine that is down: the running system (path, NixOS version, activation time),
// its generations and the state of its services' units. Each part fails on its own.
import { cache } from "react";
import { commandLine, currentSystem, listGenerations, systemActivatedAt, systemctlShow, type RemoteCommand } from "../commands";
import { db } from "../db/client";
import { jobMachine } from "../jobs/machine-targets";
import { parseGenerations, type Generation } from "../nix/generations";
import type { Unrecognised } from "../parse/unrecognised";
import { sshPool } from "../ssh/pool";
import { run } from "../ssh/run";
import { parseSystemctlShow, type UnitStatus } from "../systemd/show";

export type RunningSystem = { path: string; version: string | null; activatedAt: string | null };
export type MachineLive = {
  reachable: boolean;
  /** Why the machine could not be read (unreachable, host key, time-out). */
  error: string | null;
  system: RunningSystem | null;
  generations: Generation[] | null;
  generationsError: string | null;
  /** Lines of the generations listing that were not recognised (shown, never dropped silently). */
  generationsUnrecognised: Unrecognised | null;
  units: UnitStatus[] | null;
  unitsError: string | null;
  unitsUnrecognised: Unrecognised | null;
};

const message = (r: PromiseSettledResult<unknown>) => (r.status === "rejected" ? (r.reason instanceof Error ? r.reason.message : String(r.reason)) : null);

export async function readMachineLive(name: string, units: string[], timeoutMs = 8000): Promise<MachineLive> {
  const signal = AbortSignal.timeout(timeoutMs);
  const none: MachineLive = {
    reachable: false, error: null, system: null, generations: null, generationsError: null, generationsUnrecognised: null, units: null, unitsError: null, unitsUnrecognised: null,
  };
  let m;
  try {
    m = await jobMachine(db(), name, sshPool().settings.keyFile);
  } catch (err) {
    return { ...none, error: err instanceof Error ? err.message : String(err) };
  }
  const ctx = { sshUser: m.self.sshUser };
  const exec = (cmd: RemoteCommand) => run(m.self.target, commandLine(cmd), { signal, timeoutMs, label: cmd.description }).then((s) => s.trim());
  const [pathCmd, versionCmd] = currentSystem(ctx);
  // One after another: the pooled connection is shared with running jobs and unit pollers, and
  // sshd limits the sessions per connection (MaxSessions, 10 by default).
  const settle = <T,>(p: Promise<T>): Promise<PromiseSettledResult<T>> => p.then((value) => ({ status: "fulfilled" as const, value }), (reason: unknown) => ({ status: "rejected" as const, reason }));
  let path = await settle(exec(pathCmd));
  // A session refused or cut on a busy connection is not a machine that is down: ask once more.
  if (path.status === "rejected" && !signal.aborted) path = await settle(exec(pathCmd));
  if (path.status === "rejected") {
    const why = signal.aborted ? `no answer within ${timeoutMs / 1000} s` : message(path);
    return { ...none, error: why };
  }
  const version = await settle(exec(versionCmd));
  const activated = await settle(exec(systemActivatedAt(ctx)));
  const gens = await settle(exec(listGenerations(ctx)));
  const shown = await settle(units.length ? exec(systemctlShow(ctx, units)) : Promise.resolve(""));
  const secs = activated.status === "fulfilled" && /^\d+$/.test(activated.value) ? Number(activated.value) : null;
  const listed = gens.status === "fulfilled" ? parseGenerations(gens.value) : null;
  const unitList = shown.status === "fulfilled" ? parseSystemctlShow(shown.value) : null;
  return {
    reachable: true,
    error: null,
    system: { path: path.value, version: version.status === "fulfilled" ? version.value : null, activatedAt: secs === null ? null : new Date(secs * 1000).toISOString() },
    generations: listed?.generations ?? null,
    generationsError: message(gens),
    generationsUnrecognised: listed?.unrecognised ?? null,
    units: unitList?.units ?? null,
    unitsError: message(shown),
    unitsUnrecognised: unitList?.unrecognised ?? null,
  };
}

/** One read per request, shared by every part of the page that needs it (units as "a b c"). */
export const machineLive = cache((name: string, units: string) => readMachineLive(name, units ? units.split(" ") : []));
