// Host key fingerprints exactly as `ssh-keygen -lf` prints them: "SHA256:" + unpadded base64.
import { createHash } from "node:crypto";

export const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** Fingerprint of a raw SSH public key blob (what ssh2 hands to hostVerifier). */
export function fingerprintOfKey(keyBlob: Buffer): string {
  return "SHA256:" + createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "");
}

/** Fingerprint of a public key line such as the content of a `.pub` file or a known_hosts entry. */
export function fingerprintOfPublicKeyLine(line: string): string {
  const blob = line
    .trim()
    .split(/\s+/)
    .find((part) => part.startsWith("AAAA"));
  if (!blob) throw new Error("not an OpenSSH public key line");
  return fingerprintOfKey(Buffer.from(blob, "base64"));
}

/** Accepts "SHA256:abc" or bare "abc" (as some tools print it); returns the canonical form or null. */
export function normalizeFingerprint(value: string): string | null {
  const v = value.trim();
  const full = v.startsWith("SHA256:") ? v : `SHA256:${v}`;
  return FINGERPRINT.test(full) ? full : null;
}
