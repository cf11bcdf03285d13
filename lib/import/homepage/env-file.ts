// The environment Homepage would run with, from an env file: KEY=value lines as Docker's
// --env-file, Compose's .env and systemd's EnvironmentFile (the NixOS module's environmentFile)
// write them. Blank lines and # comments are skipped, "export " is allowed, a value in matching
// quotes loses them. Homepage only looks at HOMEPAGE_VAR_* (the value) and HOMEPAGE_FILE_* (a file
// whose contents are the value: config.js, substituteEnvironmentVars()); the rest is ignored.
import { ValidationError } from "@/lib/errors";
import { MAX_ENV_CHARS } from "@/lib/validation/import";
import type { TemplateValues } from "./substitute";

export type EnvFile = {
  vars: Record<string, string>;
  /** HOMEPAGE_FILE_X -> the path it names. */
  files: Record<string, string>;
  /** Other variables in the file (not used by Homepage). */
  ignored: number;
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function unquote(v: string): string {
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1);
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    return v.slice(1, -1).replace(/\\(["\\$`n])/g, (_, c: string) => (c === "n" ? "\n" : c));
  }
  return v;
}

/** Throws ValidationError (field "env") naming the first line that is not NAME=value. */
export function parseEnvFile(text: string): EnvFile {
  if (text.length > MAX_ENV_CHARS)
    throw new ValidationError("The environment file is too large.", { env: `At most ${MAX_ENV_CHARS} characters.` });
  const out: EnvFile = { vars: {}, files: {}, ignored: 0 };
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const body = line.replace(/^export\s+/, "");
    const eq = body.indexOf("=");
    const key = eq > 0 ? body.slice(0, eq).trim() : "";
    if (!NAME.test(key)) {
      const message = `Line ${i + 1} of the environment is not NAME=value.`;
      throw new ValidationError(message, { env: message });
    }
    const value = unquote(body.slice(eq + 1).trim());
    if (key.startsWith("HOMEPAGE_VAR_")) out.vars[key] = value;
    else if (key.startsWith("HOMEPAGE_FILE_")) out.files[key] = value;
    else out.ignored++;
  }
  return out;
}

export type UploadedFile = { name: string; text: string };

const baseName = (path: string) => path.split("/").pop() ?? path;

/**
 * Template values from a web upload: HOMEPAGE_FILE_X=/run/secrets/x takes the contents of an
 * uploaded file called "x"; the panel never reads a path on the server for the web form.
 */
export function templatesFromUploads(env: EnvFile, uploads: UploadedFile[]): TemplateValues {
  const values: Record<string, string> = { ...env.vars };
  const unresolved: Record<string, string> = {};
  for (const [key, path] of Object.entries(env.files)) {
    const file = uploads.find((u) => u.name === baseName(path));
    if (file) values[key] = file.text;
    else
      unresolved[key] =
        `it names the file ${path}; upload a file called "${baseName(path)}" with the environment to use its contents (the web import does not read files on the server).`;
  }
  return { values, unresolved };
}
