// Reads a `flake.lock` (version 7, what nix 2.8 and every later nix write) into its input graph:
// each input of the root flake, and the inputs of those inputs, by path ("home-manager/nixpkgs"),
// resolved to the node it locks or the `follows` path it points at. Total: any text gives a result
// (an unreadable lock says why in `error`), never an exception. Fixtures: lib/fixtures/*/flake-lock.
import { z } from "zod";

const locked = z
  .object({
    type: z.string().max(64),
    owner: z.string().max(200).optional(),
    repo: z.string().max(200).optional(),
    url: z.string().max(2000).optional(),
    path: z.string().max(2000).optional(),
    ref: z.string().max(500).optional(),
    rev: z.string().max(100).optional(),
    narHash: z.string().max(200).optional(),
    lastModified: z.number().int().nonnegative().optional(),
  })
  .loose();

const node = z
  .object({
    inputs: z.record(z.string(), z.union([z.string(), z.array(z.string()).max(64)])).optional(),
    locked: locked.optional(),
    flake: z.boolean().optional(),
  })
  .loose();

const lockSchema = z.object({ version: z.number().int(), root: z.string(), nodes: z.record(z.string(), node) });

export type LockedRef = {
  type: string;
  owner: string | null;
  repo: string | null;
  /** url (git, tarball, …) or path (path); null for github-like inputs. */
  location: string | null;
  ref: string | null;
  rev: string | null;
  narHash: string | null;
  /** ISO date of the locked revision's last modification; null when the lock has none (tarball). */
  lastModified: string | null;
};

/** One input by its path from the root: either a locked node or a `follows` of another input. */
export type LockInput = { path: string; ref: LockedRef | null; follows: string | null };

export type FlakeLock = { ok: true; inputs: Map<string, LockInput> } | { ok: false; error: string };

/** How deep inputs of inputs are read (a real NixOS flake rarely goes past 3). */
export const MAX_DEPTH = 4;
/** Inputs read at most, whatever the lock's size. */
export const MAX_INPUTS = 2000;

function refOf(l: z.infer<typeof locked>): LockedRef {
  return {
    type: l.type,
    owner: l.owner ?? null,
    repo: l.repo ?? null,
    location: l.url ?? l.path ?? null,
    ref: l.ref ?? null,
    rev: l.rev ?? null,
    narHash: l.narHash ?? null,
    lastModified: l.lastModified === undefined ? null : new Date(l.lastModified * 1000).toISOString(),
  };
}

export function parseFlakeLock(text: string): FlakeLock {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: "flake.lock is not JSON" };
  }
  const parsed = lockSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: "flake.lock does not have the shape of a lock file (nodes, root, version)" };
  const lock = parsed.data;
  if (lock.version !== 7) return { ok: false, error: `flake.lock version ${lock.version} is not read (only version 7)` };
  const root = lock.nodes[lock.root];
  if (!root) return { ok: false, error: `flake.lock has no root node "${lock.root}"` };
  const inputs = new Map<string, LockInput>();
  const walk = (nodeName: string, prefix: string, depth: number, seen: Set<string>) => {
    const n = lock.nodes[nodeName];
    if (!n?.inputs || depth > MAX_DEPTH || seen.has(nodeName)) return;
    const seenHere = new Set(seen).add(nodeName);
    for (const [name, target] of Object.entries(n.inputs)) {
      if (inputs.size >= MAX_INPUTS) return;
      const path = prefix ? `${prefix}/${name}` : name;
      if (Array.isArray(target)) {
        inputs.set(path, { path, ref: null, follows: target.join("/") });
        continue;
      }
      const l = lock.nodes[target]?.locked;
      inputs.set(path, { path, ref: l ? refOf(l) : null, follows: null });
      walk(target, path, depth + 1, seenHere);
    }
  };
  walk(lock.root, "", 1, new Set());
  return { ok: true, inputs };
}
