// Parser for `nix build --json` stdout (nix 2.8 has no --print-out-paths). parseBuildResults reads
// what it can and reports the rest as unrecognised (with the first reason); buildOutPath, the
// build job's step, refuses anything but exactly one valid result with a NixOutputError.
import { DomainError } from "@/lib/errors";
import { noteUnrecognised, noUnrecognised, type Unrecognised } from "../parse/unrecognised";

export class NixOutputError extends DomainError {
  constructor(message: string) {
    super("bad_tool_output", message);
  }
}

export interface BuildResult {
  drvPath: string;
  outputs: Record<string, string>;
}
export type BuildResults = { results: BuildResult[]; unrecognised: Unrecognised; problem: string | null };

const STORE = /^\/nix\/store\/[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+._?=-]+$/;

function readItem(item: unknown, i: number): BuildResult | string {
  const r = item as { drvPath?: unknown; outputs?: unknown };
  if (typeof r !== "object" || r === null || typeof r.drvPath !== "string" || !STORE.test(r.drvPath))
    return `nix build result ${i} has no valid drvPath`;
  if (typeof r.outputs !== "object" || r.outputs === null) return `nix build result ${i} has no outputs`;
  const outputs: Record<string, string> = {};
  for (const [name, path] of Object.entries(r.outputs)) {
    if (typeof path !== "string" || !STORE.test(path)) return `nix build output ${name} is not a store path`;
    outputs[name] = path;
  }
  return { drvPath: r.drvPath, outputs };
}

export function parseBuildResults(stdout: string): BuildResults {
  const unrecognised = noUnrecognised();
  const text = stdout.trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    if (text) noteUnrecognised(unrecognised, text);
    return { results: [], unrecognised, problem: "nix build printed no JSON result (did the build fail?)" };
  }
  if (!Array.isArray(parsed)) {
    noteUnrecognised(unrecognised, text);
    return { results: [], unrecognised, problem: "nix build --json did not print a list" };
  }
  const results: BuildResult[] = [];
  let problem: string | null = null;
  parsed.forEach((item: unknown, i) => {
    const r = readItem(item, i);
    if (typeof r !== "string") return void results.push(r);
    noteUnrecognised(unrecognised, JSON.stringify(item) ?? String(item));
    problem ??= r;
  });
  return { results, unrecognised, problem };
}

/** The `out` path of the single result of a `nix build --json`. */
export function buildOutPath(stdout: string): string {
  const { results, problem } = parseBuildResults(stdout);
  if (problem) throw new NixOutputError(problem);
  if (results.length !== 1) throw new NixOutputError(`expected one build result, got ${results.length}`);
  const out = results[0].outputs.out;
  if (!out) throw new NixOutputError("the build result has no 'out' output");
  return out;
}
