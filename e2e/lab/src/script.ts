/** Runs e2e/lab/scripts/lab.sh and parses the JSON line it prints last. */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import type { LabInfo } from "./types";

// Relative to the repository root (every runner starts there). Not import.meta.url: Playwright
// loads specs as CommonJS, where a module using import.meta fails to load.
export const LAB_SCRIPT = resolve("e2e/lab/scripts/lab.sh");

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runLabScript(
  args: string[],
  env: Record<string, string | undefined> = {},
  onLine?: (line: string) => void,
): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [LAB_SCRIPT, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let partial = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      partial += d;
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      for (const l of lines) onLine?.(l);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (partial) onLine?.(partial);
      resolve({ code, stdout, stderr });
    });
  });
}

export function parseInfo(stdout: string): LabInfo {
  const last = stdout.trim().split("\n").filter(Boolean).pop();
  if (!last) throw new Error("lab.sh printed no JSON");
  return JSON.parse(last) as LabInfo;
}

export function labError(what: string, r: ScriptResult): Error {
  const errLine = r.stderr
    .split("\n")
    .filter((l) => l.includes("error:"))
    .pop();
  const tail = r.stderr.trim().split("\n").slice(-15).join("\n");
  return new Error(`lab ${what} failed (exit ${r.code}): ${errLine ?? ""}\n${tail}`);
}
