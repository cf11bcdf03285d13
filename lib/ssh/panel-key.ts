import "server-only";
// The panel's own SSH key: read (public half and fingerprint for the first-run page) and, when no
// key file is configured and none exists yet, created once: ed25519 from ssh2, OpenSSH format,
// written 0600 in a 0700 folder under a temporary name and linked into place (never overwriting).
import { randomBytes } from "node:crypto";
import { chmod, link, mkdir, open, readFile, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { utils } from "ssh2";
import { ValidationError } from "../errors";
import type { PanelKeyView } from "../wire/panel-key";
import { fingerprintOfKey } from "./fingerprint";

export type PanelKey = PanelKeyView;

type Where = { path: string; configured: boolean };

function publicOf(text: Buffer | string, comment: string): { publicKey: string; fingerprint: string } | null {
  const parsed = utils.parseKey(text);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error || !key.isPrivateKey()) return null;
  const blob = key.getPublicSSH();
  return { publicKey: `${key.type} ${blob.toString("base64")} ${key.comment || comment}`.trim(), fingerprint: fingerprintOfKey(blob) };
}

const defaultComment = () => `homelab-panel@${hostname()}`;

export async function readPanelKey({ path, configured }: Where): Promise<PanelKey> {
  let text: Buffer;
  try {
    text = await readFile(path);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    return { path, configured, publicKey: null, fingerprint: null, problem: missing ? "missing" : "unreadable" };
  }
  const pub = publicOf(text, defaultComment());
  return pub ? { path, configured, ...pub, problem: null } : { path, configured, publicKey: null, fingerprint: null, problem: "unusable" };
}

/**
 * Creates the key when none exists and none is configured; returns the key and whether it was made
 * now. A configured file is never written, and an existing file is never replaced.
 */
export async function createPanelKey(where: Where): Promise<{ created: boolean; key: PanelKey }> {
  const before = await readPanelKey(where);
  if (before.problem !== "missing") return { created: false, key: before };
  if (where.configured)
    throw new ValidationError(
      `The configured key file ${where.path} (SSH_KEY_FILE) does not exist. The panel does not create configured keys: ` +
        "create it there (ssh-keygen -t ed25519 -N '' -f <file>) or unset SSH_KEY_FILE to let the panel make its own.",
    );
  const dir = dirname(where.path);
  // The panel's own folder (never a configured one): 0700 even when an older start made it wider.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const pair = utils.generateKeyPairSync("ed25519", { comment: defaultComment() });
  const tmp = `${where.path}.${randomBytes(6).toString("hex")}.tmp`;
  const file = await open(tmp, "wx", 0o600);
  try {
    await file.writeFile(pair.private);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await link(tmp, where.path); // atomic, and fails instead of replacing a key made meanwhile
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return { created: false, key: await readPanelKey(where) };
  } finally {
    // The temporary name is gone once linked into place or never written; nothing to report.
    await unlink(tmp).catch(() => {});
  }
  return { created: true, key: await readPanelKey(where) };
}
