// The panel's files hold password and session hashes, TOTP secrets and an SSH private key: only
// its own user may read them. server.ts sets umask 077 before anything is created (the database,
// its -wal/-shm/-journal files, new folders), and this tightens what an older version left behind.
import { chmodSync, existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";

export const PRIVATE_UMASK = 0o077;
const COMPANIONS = ["", "-wal", "-shm", "-journal"];

type Fixed = { path: string; mode: number };

/** chmod when the file exists, is ours and is more open than `mode`; errors are reported, not thrown. */
function tighten(path: string, mode: number, fixed: Fixed[], problems: string[]): void {
  try {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (typeof process.getuid === "function" && st.uid !== process.getuid()) return;
    if ((st.mode & 0o777 & ~mode) === 0) return;
    chmodSync(path, mode);
    fixed.push({ path, mode });
  } catch (err) {
    problems.push(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * The database, its companions and the SSH key become 0600. The database's folder becomes 0700
 * only when it holds nothing but the panel's own files (so a database placed in /tmp or a shared
 * folder never changes that folder); otherwise it is reported.
 */
export function securePanelFiles(databaseFile: string, sshKeyFile?: string): { fixed: Fixed[]; problems: string[] } {
  const fixed: Fixed[] = [];
  const problems: string[] = [];
  const db = resolve(databaseFile);
  for (const suffix of COMPANIONS) tighten(db + suffix, 0o600, fixed, problems);
  const dir = dirname(db);
  const own = new Set([...COMPANIONS.map((s) => basename(db) + s), "ssh"]);
  try {
    const entries = existsSync(dir) ? readdirSync(dir) : [];
    if (entries.every((e) => own.has(e))) tighten(dir, 0o700, fixed, problems);
    else if ((statSync(dir).mode & 0o077) !== 0)
      problems.push(`${dir}: shared with other files, left as it is (mode ${(statSync(dir).mode & 0o777).toString(8)})`);
  } catch (err) {
    problems.push(`${dir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (sshKeyFile) {
    const key = resolve(sshKeyFile);
    tighten(key, 0o600, fixed, problems);
    if (basename(dirname(key)) === "ssh" && dirname(dirname(key)) === dir) tighten(dirname(key), 0o700, fixed, problems);
  }
  return { fixed, problems };
}
