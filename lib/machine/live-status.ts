import "server-only";
// What the machine page shows of the host itself, read over SSH within a bound so the page never
// hangs on a machine that is down: the running system (path, NixOS version, activation time),
// its generations and the state of its services' units. Each part fails on its own.
import { cache } from "react";
import { commandLine, currentSystem, listGenerations, systemActivatedAt, systemctlShow, type RemoteCommand } from "../commands";
import { db } from "../db/client";
import { jobMachine } from "../jobs/machine-targets";
import { parseGenerations, type Generation } from "../nix/generations";
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
  units: UnitStatus[] | null;
  unitsError: string | null;
};

const message = (r: PromiseSettledResult<unknown>) => (r.status === "rejected" ? (r.reason instanceof Error ? r.reason.message : String(r.reason)) : null);

export async function readMachineLive(name: string, units: string[], timeoutMs = 8000): Promise<MachineLive> {
  const signal = AbortSignal.timeout(timeoutMs);
  const none: MachineLive = { reachable: false, error: null, system: null, generations: null, generationsError: null, units: null, unitsError: null };
  let m;
  try {
    m = await jobMachine(db(), name, sshPool().settings.keyFile);
  } catch (err) {
    return { ...none, error: err instanceof Error ? err.message : String(err) };
  }
  const ctx = { sshUser: m.self.sshUser };
  const exec = (cmd: RemoteCommand) => run(m.self.target, commandLine(cmd), { signal, timeoutMs, label: cmd.description }).then((s) => s.trim());
  const [pathCmd, versionCmd] = currentSystem(ctx);
  const [path, version, activated, gens, shown] = await Promise.allSettled([
    exec(pathCmd),
    exec(versionCmd),
    exec(systemActivatedAt(ctx)),
    exec(listGenerations(ctx)),
    units.length ? exec(systemctlShow(ctx, units)) : Promise.resolve(""),
  ]);
  if (path.status === "rejected") {
    const why = signal.aborted ? `no answer within ${timeoutMs / 1000} s` : message(path);
    return { ...none, error: why };
  }
  const secs = activated.status === "fulfilled" && /^\d+$/.test(activated.value) ? Number(activated.value) : null;
  return {
    reachable: true,
    error: null,
    system: { path: path.value, version: version.status === "fulfilled" ? version.value : null, activatedAt: secs === null ? null : new Date(secs * 1000).toISOString() },
    generations: gens.status === "fulfilled" ? parseGenerations(gens.value) : null,
    generationsError: message(gens),
    units: shown.status === "fulfilled" ? parseSystemctlShow(shown.value) : null,
    unitsError: message(shown),
  };
}

/** One read per request, shared by every part of the page that needs it (units as "a b c"). */
export const machineLive = cache((name: string, units: string) => readMachineLive(name, units ? units.split(" ") : []));
