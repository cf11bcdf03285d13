// Parses the checkout-state script's output (lib/commands/git-commands.ts): HEAD's commit, `git
// status --porcelain=v2 --branch` (branch, upstream, ahead/behind, changed and untracked files) and
// the incoming commits. Fixtures: lib/fixtures/real/git (real git output). Pure, no I/O.
import { noteUnrecognised, noUnrecognised, type Unrecognised } from "../parse/unrecognised";

export type Commit = { hash: string; short: string; date: string; author: string; subject: string };
/** A tracked path with uncommitted changes: `xy` is git's two status letters (index, work tree). */
export type Change = { path: string; from: string | null; xy: string; kind: ChangeKind };
export type ChangeKind = "modified" | "added" | "deleted" | "renamed" | "copied" | "type changed" | "conflict" | "changed";

export type CheckoutState = {
  /** null: detached HEAD. */
  branch: string | null;
  /** null before the first commit. */
  head: Commit | null;
  /** e.g. "origin/main"; null when the branch has none. */
  upstream: string | null;
  /** null when there is no upstream or it is gone (`[gone]`: no ahead/behind line). */
  ahead: number | null;
  behind: number | null;
  /** Tracked files with uncommitted changes (what nix would build as a dirty tree). */
  changes: Change[];
  /** Untracked files (not part of a git flake's source). */
  untracked: string[];
  /** Commits of the upstream HEAD does not have, newest first (at most INCOMING_MAX). */
  incoming: Commit[];
  /** Tracked changes exist: a build from this tree is not the commit. */
  dirty: boolean;
  /** sha256 (hex) of the work tree's flake.lock; null without one. */
  lockHash: string | null;
  unrecognised: Unrecognised;
};

export const SHORT_HASH = 7;
const HASH = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const SHA256 = /^[0-9a-f]{64}$/;
/** At most this many changed and untracked paths are kept (a huge dirty tree stays readable). */
export const MAX_PATHS = 200;

function commitOf(fields: string[]): Commit | null {
  const [hash, date, author, ...subject] = fields;
  if (!hash || !HASH.test(hash) || !date || author === undefined) return null;
  return { hash, short: hash.slice(0, SHORT_HASH), date, author, subject: subject.join("\t") };
}

/** git's C-style quoting of unusual path names ("\304\215e\305\241tina.txt") undone. */
export function unquotePath(p: string): string {
  if (!(p.length >= 2 && p.startsWith('"') && p.endsWith('"'))) return p;
  const bytes: number[] = [];
  const body = p.slice(1, -1);
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const next = body[i + 1] ?? "";
    const octal = /^[0-3][0-7]{2}/.exec(body.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else if (next in simple) {
      bytes.push(simple[next]);
      i += 1;
    } else bytes.push(92);
  }
  return Buffer.from(bytes).toString("utf8");
}

const KIND: Record<string, ChangeKind> = { M: "modified", A: "added", D: "deleted", R: "renamed", C: "copied", T: "type changed" };

function kindOf(xy: string): ChangeKind {
  const letter = xy[0] !== "." ? xy[0] : xy[1];
  return KIND[letter] ?? "changed";
}

export function parseCheckoutState(output: string): CheckoutState {
  const s: CheckoutState = {
    branch: null,
    head: null,
    upstream: null,
    ahead: null,
    behind: null,
    changes: [],
    untracked: [],
    incoming: [],
    dirty: false,
    lockHash: null,
    unrecognised: noUnrecognised(),
  };
  let tracked = 0;
  let oid: string | null = null;
  for (const line of output.split("\n")) {
    if (line.trim() === "") continue;
    const tab = line.split("\t");
    let m: RegExpExecArray | null;
    if (tab[0] === "commit" && !s.head) {
      s.head = commitOf(tab.slice(1));
      if (!s.head) noteUnrecognised(s.unrecognised, line);
    } else if (tab[0] === "lock" && s.lockHash === null) {
      if (tab.length === 2 && SHA256.test(tab[1])) s.lockHash = tab[1];
      else noteUnrecognised(s.unrecognised, line);
    } else if (tab[0] === "incoming") {
      const c = commitOf(tab.slice(1));
      if (c) s.incoming.push(c);
      else noteUnrecognised(s.unrecognised, line);
    } else if ((m = /^# branch\.oid (\S+)$/.exec(line))) {
      oid = m[1];
    } else if ((m = /^# branch\.head (.+)$/.exec(line))) {
      s.branch = m[1] === "(detached)" ? null : m[1];
    } else if ((m = /^# branch\.upstream (.+)$/.exec(line))) {
      s.upstream = m[1];
    } else if ((m = /^# branch\.ab \+(\d+) -(\d+)$/.exec(line))) {
      s.ahead = Number(m[1]);
      s.behind = Number(m[2]);
    } else if (line.startsWith("# ")) {
      // Other headers (e.g. `# stash N` with --show-stash) carry nothing shown here.
    } else if ((m = /^1 (\S\S) \S{4} \S+ \S+ \S+ \S+ \S+ (.+)$/.exec(line))) {
      if (++tracked <= MAX_PATHS) s.changes.push({ xy: m[1], kind: kindOf(m[1]), path: unquotePath(m[2]), from: null });
    } else if ((m = /^2 (\S\S) \S{4} \S+ \S+ \S+ \S+ \S+ [RC]\d{1,3} (.+)$/.exec(line))) {
      const [path, from] = m[2].split("\t");
      if (++tracked <= MAX_PATHS)
        s.changes.push({ xy: m[1], kind: kindOf(m[1]), path: unquotePath(path), from: from ? unquotePath(from) : null });
    } else if ((m = /^u (\S\S) \S{4} \S+ \S+ \S+ \S+ \S+ \S+ \S+ (.+)$/.exec(line))) {
      if (++tracked <= MAX_PATHS) s.changes.push({ xy: m[1], kind: "conflict", path: unquotePath(m[2]), from: null });
    } else if ((m = /^\? (.+)$/.exec(line))) {
      if (s.untracked.length < MAX_PATHS) s.untracked.push(unquotePath(m[1]));
    } else if (/^! /.test(line)) {
      // ignored files: only with --ignored, never asked for
    } else noteUnrecognised(s.unrecognised, line);
  }
  s.dirty = tracked > 0;
  // The log and status must agree on HEAD; a commit line without status is not trusted as HEAD.
  if (s.head && oid && oid !== s.head.hash) noteUnrecognised(s.unrecognised, `HEAD ${s.head.hash} but status says ${oid}`);
  return s;
}

/** "a1b2c3d 'grafana: bump'" — how a commit is named in messages and pages. */
export function commitLabel(c: { short?: string; hash?: string; subject: string | null }): string {
  const short = c.short ?? c.hash?.slice(0, SHORT_HASH) ?? "?";
  return c.subject ? `${short} '${c.subject.length > 72 ? `${c.subject.slice(0, 71)}…` : c.subject}'` : short;
}
