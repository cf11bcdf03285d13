// Parser for `nix build --json` stdout (nix 2.8 has no --print-out-paths).
import { DomainError } from "@/lib/errors";

export class NixOutputError extends DomainError {
  constructor(message: string) {
    super("bad_tool_output", message);
  }
}

export interface BuildResult { drvPath: string; outputs: Record<string, string> }

const STORE = /^\/nix\/store\/[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+._?=-]+$/;

export function parseBuildResults(stdout: string): BuildResult[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout.trim());
  } catch {
    throw new NixOutputError("nix build printed no JSON result (did the build fail?)");
  }
  if (!Array.isArray(parsed)) throw new NixOutputError("nix build --json did not print a list");
  return parsed.map((item: unknown, i) => {
    const r = item as { drvPath?: unknown; outputs?: unknown };
    if (typeof r !== "object" || r === null || typeof r.drvPath !== "string" || !STORE.test(r.drvPath)) {
      throw new NixOutputError(`nix build result ${i} has no valid drvPath`);
    }
    if (typeof r.outputs !== "object" || r.outputs === null) throw new NixOutputError(`nix build result ${i} has no outputs`);
    const outputs: Record<string, string> = {};
    for (const [name, path] of Object.entries(r.outputs)) {
      if (typeof path !== "string" || !STORE.test(path)) throw new NixOutputError(`nix build output ${name} is not a store path`);
      outputs[name] = path;
    }
    return { drvPath: r.drvPath, outputs };
  });
}

/** The `out` path of the single result of a `nix build --json`. */
export function buildOutPath(stdout: string): string {
  const results = parseBuildResults(stdout);
  if (results.length !== 1) throw new NixOutputError(`expected one build result, got ${results.length}`);
  const out = results[0].outputs.out;
  if (!out) throw new NixOutputError("the build result has no 'out' output");
  return out;
}
