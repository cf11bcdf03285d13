import "server-only";
// Template values for the CLI (`npm run import -- homepage services.yaml --env FILE`): the env file
// is read from disk, and each HOMEPAGE_FILE_X names a file whose contents are the value, read as
// Homepage reads it (readFileSync(value, "utf8"), relative paths from the working directory), up
// to MAX_ENV_FILE_BYTES. Only the CLI reads files; the web form takes uploads (env-file.ts).
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { resolve } from "node:path";
import { ValidationError } from "../errors";
import { MAX_ENV_CHARS, MAX_ENV_FILE_BYTES } from "../validation/import";
import { parseEnvFile } from "./homepage/env-file";
import type { TemplateValues } from "./homepage/substitute";

function readBounded(path: string, max: number): string {
  const fd = openSync(path, "r");
  try {
    if (!fstatSync(fd).isFile()) throw new Error("not a regular file");
    const buf = Buffer.alloc(max + 1);
    const n = readSync(fd, buf, 0, max + 1, 0);
    if (n > max) throw new Error(`larger than ${max} bytes`);
    return buf.subarray(0, n).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

const why = (err: unknown) => (err as { code?: string }).code ?? (err instanceof Error ? err.message : String(err));

export function templatesFromDisk(envFile: string): TemplateValues {
  let text: string;
  try {
    text = readBounded(envFile, MAX_ENV_CHARS * 4);
  } catch (err) {
    throw new ValidationError(`Cannot read the environment file ${envFile}: ${why(err)}.`, { env: why(err) });
  }
  const env = parseEnvFile(text);
  const values: Record<string, string> = { ...env.vars };
  const unresolved: Record<string, string> = {};
  for (const [key, path] of Object.entries(env.files)) {
    try {
      values[key] = readBounded(resolve(path), MAX_ENV_FILE_BYTES);
    } catch (err) {
      unresolved[key] = `it names the file ${path}, which cannot be read (${why(err)}).`;
    }
  }
  return { values, unresolved };
}
