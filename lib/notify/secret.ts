import "server-only";
// A channel's secret: read from its file at send time (agenix), else the stored one, else none.
// Files are read only under the allowed folders (NOTIFY_SECRET_DIRS; after resolving links), so a
// channel cannot be used to send other files of the panel (its SSH key, its database) elsewhere.
import { readFile, realpath } from "node:fs/promises";
import { resolve, sep } from "node:path";

export class SecretError extends Error {}

const under = (path: string, dir: string) => path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/** Whether a path as typed lies in one of the folders (the form's check; the send checks the real path again). */
export function secretFileAllowed(path: string, dirs: readonly string[]): boolean {
  return resolve(path) === path && dirs.some((d) => under(path, resolve(d)));
}

export async function channelSecret(
  c: { secret: string | null; secretFile: string | null },
  dirs: readonly string[],
): Promise<string | null> {
  if (!c.secretFile) return c.secret || null;
  const file = c.secretFile;
  try {
    const real = await realpath(file);
    const roots = await Promise.all(dirs.map((d) => realpath(d).catch(() => null)));
    if (!roots.some((d) => d !== null && under(real, d)))
      throw new SecretError(`the secret file ${file} is not under ${dirs.join(", ") || "any allowed folder"} (NOTIFY_SECRET_DIRS)`);
    return (await readFile(real, "utf8")).replace(/\r?\n$/, "");
  } catch (err) {
    if (err instanceof SecretError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new SecretError(`cannot read the secret file ${file} (${code})`, { cause: err });
  }
}
