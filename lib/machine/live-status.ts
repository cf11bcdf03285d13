import "server-only";
// What the machine page shows of the host itself, read over SSH within a bound so the page never
// hangs on a machine that is down: the running system (path, NixOS version, activation time, the
// profile's generation and deploy-rs's wrapper around it), its generations (each with the NixOS
// system it activates) and the state of its services' units. Each part fails on its own.
import { cache } from "react";
import {
  commandLine,
  listGenerations,
  pathInfo,
  PATH_INFO_MAX,
  systemActivatedAt,
  systemctlShow,
  systemFacts,
  type RemoteCommand,
} from "../commands";
import { db } from "../db/client";
import { jobMachine } from "../jobs/machine-targets";
import { parseGenerations, type Generation } from "../nix/generations";
import { parsePathInfo, type PathOrigin } from "../nix/path-info";
import { parseSystemFacts, profileGenerationOf, type GenerationFacts } from "../nix/system-facts";
import type { Unrecognised } from "../parse/unrecognised";
import { sshPool, type SshPool } from "../ssh/pool";
import { explainError } from "./explain-error";
import { run } from "../ssh/run";
import { parseSystemctlShow, type UnitStatus } from "../systemd/show";

export type RunningSystem = {
  /** The NixOS system that runs (/run/current-system). */
  path: string;
  version: string | null;
  activatedAt: string | null;
  /** The generation the system profile points at, and deploy-rs's wrapper when it is one. */
  profileGeneration: number | null;
  wrapper: string | null;
  /** The profile's generation is not what runs (e.g. deployed with --boot, or changed by hand). */
  profileDiffers: boolean;
};
export type MachineLive = {
  reachable: boolean;
  /** Why the machine could not be read (unreachable, host key, time-out), explained. */
  error: string | null;
  /** The fix is on the first-run page (the panel's key, authorized keys, the host key). */
  setup: boolean;
  system: RunningSystem | null;
  generations: Generation[] | null;
  generationsError: string | null;
  /** Lines of the generations listing that were not recognised (shown, never dropped silently). */
  generationsUnrecognised: Unrecognised | null;
  /** Per generation number: where its link points and the NixOS system inside it. */
  generationFacts: Record<number, GenerationFacts>;
  /** What the machine's own store says of each generation's system: built by its nix, or copied in. */
  pathOrigins: Record<string, PathOrigin>;
  pathOriginsError: string | null;
  /** Entries of `nix path-info --json` the panel could not read (shown, never dropped silently). */
  pathOriginsUnrecognised: Unrecognised | null;
  units: UnitStatus[] | null;
  unitsError: string | null;
  unitsUnrecognised: Unrecognised | null;
};

const message = (r: PromiseSettledResult<unknown>) =>
  r.status === "rejected" ? (r.reason instanceof Error ? r.reason.message : String(r.reason)) : null;

export async function readMachineLive(name: string, units: string[], timeoutMs = 8000): Promise<MachineLive> {
  const pool = sshPool();
  const signal = AbortSignal.timeout(timeoutMs);
  const none: MachineLive = {
    reachable: false,
    error: null,
    setup: false,
    system: null,
    generations: null,
    generationsError: null,
    generationsUnrecognised: null,
    generationFacts: {},
    pathOrigins: {},
    pathOriginsError: null,
    pathOriginsUnrecognised: null,
    units: null,
    unitsError: null,
    unitsUnrecognised: null,
  };
  let m;
  try {
    m = await jobMachine(db(), name, pool.settings.keyFile);
  } catch (err) {
    return { ...none, error: err instanceof Error ? err.message : String(err) };
  }
  const ctx = { sshUser: m.self.sshUser };
  const exec = (cmd: RemoteCommand) =>
    run(m.self.target, commandLine(cmd), { signal, timeoutMs, label: cmd.description, pool }).then((s) => s.trim());
  const factsCmd = systemFacts(ctx);
  // One after another: the pooled connection is shared with running jobs and unit pollers, and
  // sshd limits the sessions per connection (MaxSessions, 10 by default).
  const settle = <T>(p: Promise<T>): Promise<PromiseSettledResult<T>> =>
    p.then(
      (value) => ({ status: "fulfilled" as const, value }),
      (reason: unknown) => ({ status: "rejected" as const, reason }),
    );
  let read = await settle(exec(factsCmd));
  // A session refused or cut on a busy connection is not a machine that is down: ask once more.
  if (read.status === "rejected" && !signal.aborted) read = await settle(exec(factsCmd));
  if (read.status === "rejected") {
    if (signal.aborted) return { ...none, error: `no answer within ${timeoutMs / 1000} s` };
    const { text, setup } = explainError(read.reason);
    return { ...none, error: text, setup };
  }
  const facts = parseSystemFacts(read.value);
  if (!facts.current) return { ...none, reachable: true, error: "/run/current-system could not be read (is this a NixOS machine?)" };
  const profile = profileGenerationOf(facts);
  const activated = await settle(exec(systemActivatedAt(ctx)));
  const gens = await settle(exec(listGenerations(ctx)));
  // The NixOS system of each generation (newest first), as the machine's store recorded it.
  const systems = [...new Set([...facts.generations].sort((a, b) => b.number - a.number).map((g) => g.toplevel ?? g.target))]
    .filter((p) => p.startsWith("/nix/store/"))
    .slice(0, PATH_INFO_MAX);
  const origins = await settle(systems.length ? exec(pathInfo(ctx, systems)) : Promise.resolve("[]"));
  const pathInfoRead = origins.status === "fulfilled" ? parsePathInfo(origins.value) : null;
  const shown = await settle(units.length ? exec(systemctlShow(ctx, units)) : Promise.resolve(""));
  const listed = gens.status === "fulfilled" ? parseGenerations(gens.value) : null;
  const unitList = shown.status === "fulfilled" ? parseSystemctlShow(shown.value) : null;
  const secs = activated.status === "fulfilled" && /^\d+$/.test(activated.value) ? Number(activated.value) : null;
  return {
    reachable: true,
    error: null,
    setup: false,
    system: {
      path: facts.current,
      version: facts.version,
      activatedAt: secs === null ? null : new Date(secs * 1000).toISOString(),
      profileGeneration: facts.profileGeneration,
      wrapper: profile?.wrapped ? profile.target : null,
      profileDiffers: !!profile?.toplevel && profile.toplevel !== facts.current,
    },
    generations: listed?.generations ?? null,
    generationsError: message(gens),
    generationsUnrecognised: listed?.unrecognised ?? null,
    generationFacts: Object.fromEntries(facts.generations.map((g) => [g.number, g])),
    pathOrigins: pathInfoRead?.origins ?? {},
    pathOriginsError: message(origins),
    pathOriginsUnrecognised: pathInfoRead?.unrecognised ?? null,
    units: unitList?.units ?? null,
    unitsError: message(shown),
    unitsUnrecognised: unitList?.unrecognised ?? null,
  };
}

/** One read per request, shared by every part of the page that needs it (units as "a b c"). */
export const machineLive = cache((name: string, units: string) => readMachineLive(name, units ? units.split(" ") : []));

/**
 * Only the running system's path (one command; what the background drift check needs), or null
 * when the machine could not be read. Errors are thrown to the caller, which logs them.
 */
export async function readRunningSystem(name: string, pool: SshPool = sshPool(), timeoutMs = 8000): Promise<string | null> {
  const m = await jobMachine(db(), name, pool.settings.keyFile);
  const cmd = systemFacts({ sshUser: m.self.sshUser });
  const out = await run(m.self.target, commandLine(cmd), { timeoutMs, label: cmd.description, pool });
  return parseSystemFacts(out.trim()).current ?? null;
}
