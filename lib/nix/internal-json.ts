// Parser for nix's `--log-format internal-json` stderr lines ("@nix {json}"), nix 2.8 and later
// (newer nix adds "parent" to every start and new activity/result types; both are read).
// Enums from src/libutil/logging.hh (nix 2.8) and src/libutil/include/nix/util/logging.hh (2.3x). Activity ids are kept as strings: nix makes them as
// (pid << 32) + n, which passes 2^53 on hosts with large pids.
import { stripAnsi } from "./ansi";

export const ActivityType = {
  Unknown: 0,
  CopyPath: 100,
  FileTransfer: 101,
  Realise: 102,
  CopyPaths: 103,
  Builds: 104,
  Build: 105,
  OptimiseStore: 106,
  VerifyPaths: 107,
  Substitute: 108,
  QueryPathInfo: 109,
  PostBuildHook: 110,
  BuildWaiting: 111,
  FetchTree: 112,
  FetchToStore: 113,
} as const;

export const ResultType = {
  FileLinked: 100,
  BuildLogLine: 101,
  UntrustedPath: 102,
  CorruptedPath: 103,
  SetPhase: 104,
  Progress: 105,
  SetExpected: 106,
  PostBuildLogLine: 107,
  FetchStatus: 108,
  FetchToStore: 109,
} as const;

/** Verbosity levels: 0 error, 1 warn, 2 notice, 3 info, 4 talkative, 5 chatty, 6 debug, 7 vomit. */
export const Verbosity = { Error: 0, Warn: 1, Notice: 2, Info: 3, Talkative: 4, Chatty: 5, Debug: 6, Vomit: 7 } as const;

export type Field = string | number;

export type NixEvent =
  | { kind: "msg"; level: number; text: string }
  | { kind: "start"; id: string; type: number; level: number; text: string; parent: string | null; fields: Field[]; drvPath: string | null }
  | { kind: "stop"; id: string }
  | { kind: "log-line"; id: string; line: string; postBuild: boolean }
  | { kind: "set-phase"; id: string; phase: string }
  | { kind: "progress"; id: string; done: number; expected: number; running: number; failed: number }
  | { kind: "set-expected"; id: string; activityType: number; expected: number }
  | { kind: "result"; id: string; type: number; fields: Field[] }
  /** A stderr line that is not internal-json (e.g. from ssh or a wrapper script). */
  | { kind: "text"; text: string }
  /** An "@nix " line this parser cannot read (not a JSON object, or an action it does not know). */
  | { kind: "unrecognised"; text: string };

type Raw = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const fieldsOf = (v: unknown): Field[] =>
  Array.isArray(v) ? v.filter((f): f is Field => typeof f === "string" || typeof f === "number") : [];

/** "/nix/store/<hash>-hello-2.12.drv" -> "hello-2.12". */
export function drvName(drvPath: string): string {
  const base = drvPath.slice(drvPath.lastIndexOf("/") + 1).replace(/\.drv$/, "");
  return /^[0-9a-z]{32}-/.test(base) ? base.slice(33) : base;
}

/**
 * Parse one stderr line. Blank lines give null; lines that are not `@nix {…}` give a "text" event;
 * `@nix` lines that are not a JSON object with a known action give an "unrecognised" event.
 */
export function parseNixLine(line: string): NixEvent | null {
  const trimmed = line.replace(/\r?\n$/, "");
  if (trimmed.trim() === "") return null;
  if (!trimmed.startsWith("@nix ")) return { kind: "text", text: stripAnsi(trimmed) };
  let raw: Raw;
  try {
    // Keep ids exact: quote them before JSON.parse turns them into lossy doubles.
    const parsed: unknown = JSON.parse(trimmed.slice(5).replace(/(?<!\\)"(id|parent)":(\d+)/g, '"$1":"$2"'));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { kind: "unrecognised", text: stripAnsi(trimmed) };
    raw = parsed as Raw;
  } catch {
    return { kind: "unrecognised", text: stripAnsi(trimmed) };
  }
  const id = str(raw.id);
  switch (raw.action) {
    case "msg":
      return { kind: "msg", level: num(raw.level), text: stripAnsi(str(raw.msg)) };
    case "start": {
      const fields = fieldsOf(raw.fields);
      const type = num(raw.type);
      const drvPath = type === ActivityType.Build && typeof fields[0] === "string" ? fields[0] : null;
      const parent = str(raw.parent);
      return {
        kind: "start",
        id,
        type,
        level: num(raw.level),
        text: stripAnsi(str(raw.text)),
        parent: parent && parent !== "0" ? parent : null,
        fields,
        drvPath,
      };
    }
    case "stop":
      return { kind: "stop", id };
    case "result": {
      const type = num(raw.type);
      const f = fieldsOf(raw.fields);
      switch (type) {
        case ResultType.BuildLogLine:
        case ResultType.PostBuildLogLine:
          return { kind: "log-line", id, line: str(f[0]), postBuild: type === ResultType.PostBuildLogLine };
        case ResultType.SetPhase:
          return { kind: "set-phase", id, phase: str(f[0]) };
        case ResultType.Progress:
          return { kind: "progress", id, done: num(f[0]), expected: num(f[1]), running: num(f[2]), failed: num(f[3]) };
        case ResultType.SetExpected:
          return { kind: "set-expected", id, activityType: num(f[0]), expected: num(f[1]) };
        default:
          return { kind: "result", id, type, fields: f };
      }
    }
    default:
      return { kind: "unrecognised", text: stripAnsi(trimmed) };
  }
}
