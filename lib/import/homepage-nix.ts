import "server-only";
// A .nix file given to the Homepage import (a module setting services.homepage-dashboard, or just
// its value), evaluated on this machine with nix-instantiate: argv only (never a shell), the file
// passed by path (--argstr), bounded in time, output and memory, and with settings that keep the
// evaluation to the file's own directory: restrict-eval (no other paths, no <nixpkgs>, no URLs),
// no import-from-derivation, no builtins.exec, no substituters. Evaluation in --eval mode is
// read-only: nothing is built or added to the store. The result is the JSON the import reads.
// Without nix-instantiate (NIX_INSTANTIATE=off, or not installed) the message points to the flake.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { childEnv, env } from "../env";
import { DomainError } from "../errors";
import { HOMEPAGE_MODULE_EXPRESSION } from "./homepage/nix-expression";

export class HomepageNixError extends DomainError {
  static readonly brand: string = "HomepageNixError";
  constructor(message: string) {
    super("eval_failed", message);
  }
}

export type NixEvalOptions = {
  /** The nix-instantiate to run; null or "off" = none (default: NIX_INSTANTIATE). */
  nixInstantiate?: string | null;
  timeoutMs?: number;
  maxOutputBytes?: number;
  /** How the file is named in messages (an upload's own name). */
  displayName?: string;
};

const HEAP_BYTES = 256 * 1024 * 1024;
const STDERR_BYTES = 64 * 1024;
const USE_FLAKE =
  "Load it from the flake instead (Import → From Homepage → Load services.homepage-dashboard from the flake), or paste the output of nix eval --json …config.services.homepage-dashboard.";

const output = z.object({
  found: z.boolean(),
  services: z.array(z.unknown()),
  bookmarks: z.array(z.unknown()),
  widgets: z.array(z.unknown()),
});

export function nixArgv(file: string): string[] {
  return [
    "--eval",
    "--strict",
    "--json",
    "--show-trace",
    "--option",
    "build-users-group",
    "",
    "--option",
    "restrict-eval",
    "true",
    "--option",
    "allowed-uris",
    "",
    "--option",
    "allow-import-from-derivation",
    "false",
    "--option",
    "allow-unsafe-native-code-during-evaluation",
    "false",
    "--option",
    "substituters",
    "",
    "-I",
    dirname(file),
    "--argstr",
    "file",
    file,
    "--expr",
    HOMEPAGE_MODULE_EXPRESSION,
  ];
}

/** Only what nix needs: no panel settings for builtins.getEnv to read, no NIX_PATH, a heap bound for its GC. */
function evalEnv(): NodeJS.ProcessEnv {
  const { PATH, NIX_REMOTE, NODE_ENV } = childEnv();
  return {
    NODE_ENV,
    PATH: PATH ?? "/usr/bin:/bin",
    ...(NIX_REMOTE ? { NIX_REMOTE } : {}),
    HOME: tmpdir(),
    XDG_CACHE_HOME: tmpdir(),
    NIX_PATH: "",
    GC_MAXIMUM_HEAP_SIZE: String(HEAP_BYTES),
  };
}

type Run = { code: number | null; stdout: string; stderr: string; failure?: "missing" | "timeout" | "output" };

function run(bin: string, argv: string[], timeoutMs: number, maxOut: number): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(bin, argv, {
      stdio: ["ignore", "pipe", "pipe"],
      env: evalEnv(),
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = "";
    let failure: Run["failure"];
    const stop = (why: Run["failure"]) => {
      failure ??= why;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => stop("timeout"), timeoutMs);
    child.stdout.on("data", (b: Buffer) => {
      outBytes += b.length;
      if (outBytes > maxOut) stop("output");
      else out.push(b);
    });
    child.stderr.on("data", (b: Buffer) => {
      if (err.length < STDERR_BYTES) err += b.toString("utf8").slice(0, STDERR_BYTES - err.length);
    });
    child.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      done({ code: null, stdout: "", stderr: e.message, failure: e.code === "ENOENT" || e.code === "EACCES" ? "missing" : failure });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: err, failure });
    });
  });
}

/** The first "error:" line of nix's output, explained where the cause is known, with the line of the file. */
export function explainNixError(stderr: string, file: string, name: string): string {
  const first = /^error: (.*)$/m.exec(stderr)?.[1]?.trim() ?? stderr.trim().split("\n")[0] ?? "unknown error";
  const dir = dirname(file);
  const where = [...stderr.matchAll(/^\s*at (\/\S+?\.nix):(\d+):(\d+):?$/gm)].find((m) => m[1].startsWith(`${dir}/`));
  const at = where ? ` (${where[1] === file ? name : where[1].slice(dir.length + 1)}, line ${where[2]})` : "";
  const unavailable = /panel-import: (\S+) is not available/.exec(first);
  if (unavailable) return `${name} uses ${unavailable[1]}${at}, which only a whole NixOS configuration has. ${USE_FLAKE}`;
  const listType = /panel-import: (.*)$/.exec(first);
  if (listType) return `${name}: ${listType[1]}${at}.`;
  const forbidden = /access to (?:absolute path|URI) '([^']*)' is forbidden in restricted mode/.exec(first);
  if (forbidden) {
    return `${name} reads ${forbidden[1]}${at}, outside its own directory or from the network; a .nix file is evaluated on its own here. ${USE_FLAKE}`;
  }
  if (/out of memory/i.test(first)) return `${name} needed more than ${HEAP_BYTES / 1024 / 1024} MiB to evaluate; refused.`;
  const missing = /attribute '([^']+)' missing/.exec(first);
  if (missing) {
    return `${name}: attribute '${missing[1]}' missing${at}. The file gets a small stand-in for lib and nothing of the rest of the configuration. ${USE_FLAKE}`;
  }
  return `nix-instantiate could not evaluate ${name}${at}: ${first.slice(0, 300)}`;
}

/** Evaluates a .nix file on disk; returns pretty JSON { services, bookmarks, widgets } for the Homepage import. */
export async function evaluateHomepageNix(path: string, opts: NixEvalOptions = {}): Promise<string> {
  const configured = opts.nixInstantiate === undefined ? env().NIX_INSTANTIATE : opts.nixInstantiate;
  const name = opts.displayName ?? path;
  const noNix = `Reading a .nix file needs nix-instantiate on the panel's machine, which is not available${configured && configured !== "off" ? ` (${configured})` : " (NIX_INSTANTIATE=off)"}. ${USE_FLAKE}`;
  if (!configured || configured === "off") throw new HomepageNixError(noNix);
  const file = resolve(path);
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const r = await run(configured, nixArgv(file), timeoutMs, opts.maxOutputBytes ?? 4 * 1024 * 1024);
  if (r.failure === "missing") throw new HomepageNixError(noNix);
  if (r.failure === "timeout")
    throw new HomepageNixError(`Evaluating ${name} took longer than ${Math.round(timeoutMs / 1000)} s; stopped.`);
  if (r.failure === "output") throw new HomepageNixError(`Evaluating ${name} printed more than the import reads; stopped.`);
  if (r.code !== 0) throw new HomepageNixError(explainNixError(r.stderr, file, name));
  let value: z.infer<typeof output>;
  try {
    value = output.parse(JSON.parse(r.stdout));
  } catch {
    throw new HomepageNixError(`nix-instantiate did not print the expected JSON for ${name}.`);
  }
  if (!value.found) {
    throw new HomepageNixError(`${name} does not set services.homepage-dashboard.services, .bookmarks or .widgets.`);
  }
  const { services, bookmarks, widgets } = value;
  return `${JSON.stringify({ services, bookmarks, widgets }, null, 2)}\n`;
}

/** The same for the text of an uploaded file: written alone to a private temporary directory, removed afterwards. */
export async function evaluateHomepageNixText(text: string, name: string, opts: NixEvalOptions = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "panel-homepage-nix-"));
  try {
    const file = join(dir, "upload.nix");
    await writeFile(file, text, { mode: 0o600 });
    return await evaluateHomepageNix(file, { ...opts, displayName: name });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
