// A small reducer over NixEvents for the UI: derivations built/expected, what is running, recent lines.
import { noteUnrecognised, type Unrecognised } from "../parse/unrecognised";
import { ActivityType, Verbosity, drvName, parseNixLine, type NixEvent } from "./internal-json";

export interface Counts {
  done: number;
  expected: number;
  running: number;
  failed: number;
}
export interface RunningBuild {
  id: string;
  drvPath: string;
  name: string;
  phase: string | null;
}
export interface LogLine {
  drv: string | null;
  text: string;
}

export interface BuildProgress {
  /** Derivations, from progress results of the "builds" activity. */
  builds: Counts;
  /** Store paths copied or substituted, from the "copy paths" activity. */
  copies: Counts;
  running: RunningBuild[];
  /** Name of the most recently started build still running, e.g. "nixos-system-frame1-24.05". */
  current: string | null;
  lastLines: LogLine[];
  errors: string[];
  warnings: string[];
  /** Open activities: id -> ActivityType. */
  open: Readonly<Record<string, number>>;
  /** "@nix" lines that could not be read (they are shown as plain lines too). */
  unrecognised: Unrecognised;
}

const ZERO: Counts = { done: 0, expected: 0, running: 0, failed: 0 };

export const initialBuildProgress: BuildProgress = Object.freeze({
  builds: ZERO,
  copies: ZERO,
  running: [],
  current: null,
  lastLines: [],
  errors: [],
  warnings: [],
  open: {},
  unrecognised: Object.freeze({ count: 0, sample: [] }),
});

function push(lines: LogLine[], line: LogLine, max: number): LogLine[] {
  const next = [...lines, line];
  return next.length > max ? next.slice(next.length - max) : next;
}

function withRunning(s: BuildProgress, running: RunningBuild[]): BuildProgress {
  return { ...s, running, current: running.length ? running[running.length - 1].name : null };
}

export function reduceBuildProgress(s: BuildProgress, e: NixEvent, maxLines = 50): BuildProgress {
  switch (e.kind) {
    case "start": {
      const open = { ...s.open, [e.id]: e.type };
      if (e.type === ActivityType.Build && e.drvPath) {
        return withRunning({ ...s, open }, [...s.running, { id: e.id, drvPath: e.drvPath, name: drvName(e.drvPath), phase: null }]);
      }
      return { ...s, open };
    }
    case "stop": {
      const { [e.id]: _closed, ...open } = s.open;
      const running = s.running.filter((b) => b.id !== e.id);
      return running.length === s.running.length ? { ...s, open } : withRunning({ ...s, open }, running);
    }
    case "progress": {
      const type = s.open[e.id];
      const counts: Counts = { done: e.done, expected: e.expected, running: e.running, failed: e.failed };
      if (type === ActivityType.Builds) return { ...s, builds: counts };
      if (type === ActivityType.CopyPaths) return { ...s, copies: counts };
      return s;
    }
    case "set-phase":
      return { ...s, running: s.running.map((b) => (b.id === e.id ? { ...b, phase: e.phase } : b)) };
    case "log-line": {
      const drv = s.running.find((b) => b.id === e.id)?.name ?? null;
      return { ...s, lastLines: push(s.lastLines, { drv, text: e.line }, maxLines) };
    }
    case "msg": {
      if (e.level > Verbosity.Info) return s;
      const next = { ...s, lastLines: push(s.lastLines, { drv: null, text: e.text }, maxLines) };
      if (e.level === Verbosity.Error) return { ...next, errors: [...s.errors, e.text] };
      if (e.level === Verbosity.Warn) return { ...next, warnings: [...s.warnings, e.text] };
      return next;
    }
    case "text":
      return { ...s, lastLines: push(s.lastLines, { drv: null, text: e.text }, maxLines) };
    case "unrecognised": {
      const unrecognised = { count: s.unrecognised.count, sample: [...s.unrecognised.sample] };
      noteUnrecognised(unrecognised, e.text);
      return { ...s, unrecognised, lastLines: push(s.lastLines, { drv: null, text: e.text }, maxLines) };
    }
    default:
      return s;
  }
}

/** Fold whole stderr text (or lines) into a BuildProgress. */
export function buildProgressFrom(stderr: string | string[], maxLines = 50): BuildProgress {
  const lines = typeof stderr === "string" ? stderr.split("\n") : stderr;
  let s = initialBuildProgress;
  for (const line of lines) {
    const e = parseNixLine(line);
    if (e) s = reduceBuildProgress(s, e, maxLines);
  }
  return s;
}
