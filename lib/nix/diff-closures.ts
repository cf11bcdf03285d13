// Parser for `nix store diff-closures A B`. Line shapes (nix src/nix/diff-closures.cc):
//   "name: 1.0 → 1.1, +11.7 KiB"   version change (+ size when |Δ| ≥ 8 KiB)
//   "name: ∅ → 2.0"                  added ("∅" = no version on that side)
//   "name: 3.1 → ∅, -391.1 KiB"      removed
//   "name: +40.5 KiB"                size change only
// Several versions are joined with ", "; "ε" is an empty version. Size deltas are ANSI-coloured.
// `nix profile diff-closures` prints the same lines, indented, in sections headed
// "Version 1 -> 2:" with a blank line between sections. Other lines are reported as unrecognised.
import { noteUnrecognised, noUnrecognised, parseLines, type Unrecognised } from "../parse/unrecognised";
import { stripAnsi } from "./ansi";

export type ClosureChangeKind = "added" | "removed" | "changed" | "resized";

export interface ClosureChange {
  name: string;
  kind: ClosureChangeKind;
  /** Versions only in the old closure; null when the line has no version part (kind "resized"). "" is ε. */
  from: string[] | null;
  /** Versions only in the new closure; null when the line has no version part. */
  to: string[] | null;
  /** Change in NAR size (rounded from nix's one-decimal output); 0 when nix printed none (< 8 KiB). */
  sizeDeltaBytes: number;
}

export interface ClosureDiff {
  changes: ClosureChange[];
  added: number;
  removed: number;
  changed: number;
  totalDeltaBytes: number;
  unrecognised: Unrecognised;
}

const UNITS: Record<string, number> = { B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, PiB: 2 ** 50, EiB: 2 ** 60 };
const SIZE = /^([+-])(\d+(?:\.\d+)?) ?(B|KiB|MiB|GiB|TiB|PiB|EiB)$/;

function sizeBytes(s: string): number | null {
  const m = SIZE.exec(s.trim());
  return m ? (m[1] === "-" ? -1 : 1) * Math.round(Number(m[2]) * UNITS[m[3]]) : null;
}

const versions = (s: string): string[] => (s.trim() === "∅" ? [] : s.split(", ").map((v) => (v.trim() === "ε" ? "" : v.trim())));

export function parseDiffClosureLine(raw: string): ClosureChange | null {
  const line = stripAnsi(raw).replace(/\r$/, "");
  const colon = line.indexOf(": ");
  if (colon <= 0) return null;
  const name = line.slice(0, colon).trim();
  let rest = line.slice(colon + 2);
  let delta = 0;
  const lastComma = rest.lastIndexOf(", ");
  const tail = sizeBytes(lastComma >= 0 ? rest.slice(lastComma + 2) : rest);
  if (tail !== null) {
    delta = tail;
    rest = lastComma >= 0 ? rest.slice(0, lastComma) : "";
  }
  if (rest === "") return tail === null ? null : { name, kind: "resized", from: null, to: null, sizeDeltaBytes: delta };
  const arrow = rest.indexOf(" → ");
  if (arrow < 0) return null;
  const from = versions(rest.slice(0, arrow));
  const to = versions(rest.slice(arrow + 3));
  const kind: ClosureChangeKind = from.length === 0 ? "added" : to.length === 0 ? "removed" : "changed";
  return { name, kind, from, to, sizeDeltaBytes: delta };
}

function summary(changes: ClosureChange[], unrecognised: Unrecognised): ClosureDiff {
  return {
    changes,
    added: changes.filter((c) => c.kind === "added").length,
    removed: changes.filter((c) => c.kind === "removed").length,
    changed: changes.filter((c) => c.kind === "changed" || c.kind === "resized").length,
    totalDeltaBytes: changes.reduce((sum, c) => sum + c.sizeDeltaBytes, 0),
    unrecognised,
  };
}

/** `nix store diff-closures A B`. */
export function parseDiffClosures(output: string): ClosureDiff {
  const { items, unrecognised } = parseLines(output, parseDiffClosureLine, (l) => stripAnsi(l).trimEnd());
  return summary(items, unrecognised);
}

export type ProfileDiffSection = { from: number; to: number; diff: ClosureDiff };
export type ProfileDiff = { sections: ProfileDiffSection[]; unrecognised: Unrecognised };

const VERSION = /^Version (\d{1,9}) -> (\d{1,9}):$/;

/** `nix profile diff-closures --profile P`: one ClosureDiff per pair of versions. */
export function parseProfileDiffClosures(output: string): ProfileDiff {
  const sections: ProfileDiffSection[] = [];
  const unrecognised = noUnrecognised();
  let cur: { from: number; to: number; changes: ClosureChange[]; unrecognised: Unrecognised } | null = null;
  const close = () => cur && sections.push({ from: cur.from, to: cur.to, diff: summary(cur.changes, cur.unrecognised) });
  for (const raw of output.split("\n")) {
    const line = stripAnsi(raw).replace(/\r$/, "");
    if (line.trim() === "") continue;
    const v = VERSION.exec(line);
    if (v) {
      close();
      cur = { from: Number(v[1]), to: Number(v[2]), changes: [], unrecognised: noUnrecognised() };
      continue;
    }
    const c = cur && /^\s/.test(line) ? parseDiffClosureLine(line) : null;
    if (c && cur) cur.changes.push(c);
    else {
      noteUnrecognised(unrecognised, line.trimEnd());
      if (cur) noteUnrecognised(cur.unrecognised, line.trimEnd());
    }
  }
  close();
  return { sections, unrecognised };
}
