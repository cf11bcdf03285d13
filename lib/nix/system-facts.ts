// Parser for the system-facts script (lib/commands/system-commands.ts): what runs on a machine, the
// system profile and its generations, with the NixOS toplevel inside deploy-rs's `activatable-*`
// wrappers. Total: a line it does not know is kept in `unrecognised`, never dropped or thrown on.

export type GenerationFacts = {
  number: number;
  /** Epoch ms of the generation link (when nix-env made it). */
  createdAt: number | null;
  /** Where the generation link points: a NixOS system or deploy-rs's wrapper of one. */
  target: string;
  /** The NixOS system (toplevel) it activates; null when it has no nixos-version. */
  toplevel: string | null;
  version: string | null;
  /** The target is deploy-rs's `activatable-*` wrapper around the toplevel. */
  wrapped: boolean;
};

export type SystemFacts = {
  current: string | null;
  /** The running system's NixOS version. */
  version: string | null;
  booted: string | null;
  /** The generation the system profile points at (what boots next, what a rollback starts from). */
  profileGeneration: number | null;
  generations: GenerationFacts[];
  /** For each store path asked about: its toplevel, or null when the path is not on the machine. */
  paths: Record<string, string | null>;
  /** The script ran to its end (a cut-off output is not a complete answer). */
  complete: boolean;
  unrecognised: string[];
};

const STORE = /^\/nix\/store\/[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+._?=-]+$/;
const store = (s: string | undefined): string | null => (s && STORE.test(s) ? s : null);

/** deploy-rs names its wrapper "activatable-" + the wrapped derivation's name. */
export function isActivatable(path: string): boolean {
  return /^\/nix\/store\/[0-9a-df-np-sv-z]{32}-activatable-/.test(path);
}

export function parseSystemFacts(output: string): SystemFacts {
  const f: SystemFacts = {
    current: null,
    version: null,
    booted: null,
    profileGeneration: null,
    generations: [],
    paths: {},
    complete: false,
    unrecognised: [],
  };
  for (const line of output.split("\n")) {
    if (line.trim() === "") continue;
    const [key, ...v] = line.split("\t");
    if (key === "current" && v.length === 1) f.current = store(v[0]);
    else if (key === "version" && v.length === 1) f.version = v[0].slice(0, 100) || null;
    else if (key === "booted" && v.length === 1) f.booted = store(v[0]);
    else if (key === "profile" && v.length === 1 && /^system-\d{1,9}-link$/.test(v[0])) f.profileGeneration = Number(v[0].slice(7, -5));
    else if (key === "profile" && v.length === 1 && v[0] === "") f.profileGeneration = null;
    else if (key === "generation" && v.length === 5 && /^\d{1,9}$/.test(v[0]) && store(v[2])) {
      const t = /^\d{1,12}$/.test(v[1]) ? Number(v[1]) * 1000 : null;
      f.generations.push({
        number: Number(v[0]),
        createdAt: t,
        target: v[2],
        toplevel: store(v[3]),
        version: v[4] || null,
        wrapped: isActivatable(v[2]),
      });
    } else if (key === "path" && v.length === 2 && store(v[0])) f.paths[v[0]] = store(v[1]);
    else if (key === "end" && v.length === 0) f.complete = true;
    else if (f.unrecognised.length < 20) f.unrecognised.push(line.slice(0, 300));
  }
  f.generations.sort((a, b) => a.number - b.number);
  return f;
}

/** The generation the profile points at, if it is listed. */
export function profileGenerationOf(f: SystemFacts): GenerationFacts | null {
  return f.generations.find((g) => g.number === f.profileGeneration) ?? null;
}
