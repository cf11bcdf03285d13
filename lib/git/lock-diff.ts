// The difference between two flake.lock texts, per input: old and new type, revision (short),
// dates, whether the content hash changed, and a compare link for GitHub inputs. Pure and total:
// an unreadable lock gives `error`, never an exception.
import { parseFlakeLock, type LockedRef, type LockInput } from "./flake-lock";

export type InputChangeKind = "updated" | "added" | "removed" | "unchanged";

export type InputChange = {
  /** "nixpkgs", or "home-manager/nixpkgs" for an input of an input. */
  input: string;
  kind: InputChangeKind;
  oldType: string | null;
  newType: string | null;
  oldRev: string | null;
  newRev: string | null;
  oldDate: string | null;
  newDate: string | null;
  /** `follows` target on each side (null: locked itself). */
  oldFollows: string | null;
  newFollows: string | null;
  narHashChanged: boolean;
  /** https://github.com/<owner>/<repo>/compare/<old>...<new> when both sides are that GitHub repo. */
  compareUrl: string | null;
  /** Where it comes from (owner/repo, url or path) on the new side, else the old. */
  source: string | null;
};

export type LockDiff = { ok: true; changes: InputChange[]; updated: number } | { ok: false; error: string };

export const SHORT_REV = 7;
const short = (rev: string | null) => (rev ? rev.slice(0, SHORT_REV) : null);
const GITHUB_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const REV = /^[0-9a-f]{7,64}$/;

function sourceOf(r: LockedRef | null): string | null {
  if (!r) return null;
  if (r.owner && r.repo) return `${r.type}:${r.owner}/${r.repo}${r.ref ? `/${r.ref}` : ""}`;
  return r.location;
}

function compareUrl(a: LockedRef | null, b: LockedRef | null): string | null {
  if (!a || !b || a.type !== "github" || b.type !== "github") return null;
  if (!a.owner || !a.repo || a.owner.toLowerCase() !== b.owner?.toLowerCase() || a.repo.toLowerCase() !== b.repo?.toLowerCase())
    return null;
  if (!GITHUB_NAME.test(b.owner) || !GITHUB_NAME.test(b.repo ?? "") || !REV.test(a.rev ?? "") || !REV.test(b.rev ?? "")) return null;
  if (a.rev === b.rev) return null;
  return `https://github.com/${b.owner}/${b.repo}/compare/${a.rev}...${b.rev}`;
}

function changeOf(name: string, a: LockInput | undefined, b: LockInput | undefined): InputChange {
  const ra = a?.ref ?? null;
  const rb = b?.ref ?? null;
  const same =
    a !== undefined &&
    b !== undefined &&
    a.follows === b.follows &&
    ra?.type === rb?.type &&
    ra?.rev === rb?.rev &&
    ra?.narHash === rb?.narHash &&
    ra?.location === rb?.location &&
    ra?.owner === rb?.owner &&
    ra?.repo === rb?.repo;
  return {
    input: name,
    kind: !a ? "added" : !b ? "removed" : same ? "unchanged" : "updated",
    oldType: ra?.type ?? null,
    newType: rb?.type ?? null,
    oldRev: short(ra?.rev ?? null),
    newRev: short(rb?.rev ?? null),
    oldDate: ra?.lastModified ?? null,
    newDate: rb?.lastModified ?? null,
    oldFollows: a?.follows ?? null,
    newFollows: b?.follows ?? null,
    narHashChanged: (ra?.narHash ?? null) !== (rb?.narHash ?? null),
    compareUrl: compareUrl(ra, rb),
    source: sourceOf(rb ?? ra),
  };
}

/** Every input of either lock, in path order; `updated` counts the ones not unchanged. */
export function diffLocks(oldText: string, newText: string): LockDiff {
  const a = parseFlakeLock(oldText);
  if (!a.ok) return { ok: false, error: `old ${a.error}` };
  const b = parseFlakeLock(newText);
  if (!b.ok) return { ok: false, error: `new ${b.error}` };
  const names = [...new Set([...a.inputs.keys(), ...b.inputs.keys()])].sort();
  const changes = names.map((n) => changeOf(n, a.inputs.get(n), b.inputs.get(n)));
  return { ok: true, changes, updated: changes.filter((c) => c.kind !== "unchanged").length };
}

/** "nixpkgs: 1a2b3c4 (2026-11-30) → 5d6e7f8 (2026-12-05)" — one line of a log or a notification. */
export function inputChangeLine(c: InputChange): string {
  const side = (rev: string | null, date: string | null, follows: string | null, type: string | null) =>
    follows !== null ? `follows ${follows}` : `${rev ?? type ?? "?"}${date ? ` (${date.slice(0, 10)})` : ""}`;
  if (c.kind === "added") return `${c.input}: added, ${side(c.newRev, c.newDate, c.newFollows, c.newType)}`;
  if (c.kind === "removed") return `${c.input}: removed (was ${side(c.oldRev, c.oldDate, c.oldFollows, c.oldType)})`;
  const from = side(c.oldRev, c.oldDate, c.oldFollows, c.oldType);
  const to = side(c.newRev, c.newDate, c.newFollows, c.newType);
  return `${c.input}: ${from === to && c.narHashChanged ? `${from}, content changed` : `${from} → ${to}`}`;
}
