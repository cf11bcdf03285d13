// OpenSSH known_hosts files (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): which host keys a host name
// may present. Plain, wildcard (* ?), negated (!) and hashed (|1|salt|hash) host patterns, and the
// @revoked marker. @cert-authority lines are skipped (the panel does not use host certificates).
import { createHmac } from "node:crypto";
import { fingerprintOfKey } from "./fingerprint";

export type KnownHostEntry = {
  /** 1-based line number in the file. */
  line: number;
  revoked: boolean;
  patterns: string[];
  keyType: string;
  fingerprint: string;
};
export type KnownHosts = { path: string; entries: KnownHostEntry[]; skipped: { line: number; reason: string }[] };

/** The key type named inside an SSH public key blob (uint32 length + ASCII name). */
function blobKeyType(blob: Buffer): string | null {
  if (blob.length < 4) return null;
  const len = blob.readUInt32BE(0);
  if (len < 1 || len > 64 || 4 + len > blob.length) return null;
  return blob.subarray(4, 4 + len).toString("latin1");
}

function parseLine(raw: string, line: number): KnownHostEntry | { skip: string } | null {
  const text = raw.trim();
  if (text === "" || text.startsWith("#")) return null;
  const parts = text.split(/\s+/);
  let revoked = false;
  if (parts[0].startsWith("@")) {
    const marker = parts.shift()!;
    if (marker === "@cert-authority") return { skip: "@cert-authority lines are not supported" };
    if (marker !== "@revoked") return { skip: `unknown marker ${marker}` };
    revoked = true;
  }
  const [hosts, keyType, base64] = parts;
  if (!hosts || !keyType || !base64) return { skip: "expected: host patterns, key type, base64 key" };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return { skip: "the key is not base64" };
  const blob = Buffer.from(base64, "base64");
  if (blobKeyType(blob) !== keyType) return { skip: `the key is not a ${keyType} key` };
  return { line, revoked, patterns: hosts.split(",").filter(Boolean), keyType, fingerprint: fingerprintOfKey(blob) };
}

export function parseKnownHosts(text: string, path = "known_hosts"): KnownHosts {
  const entries: KnownHostEntry[] = [];
  const skipped: KnownHosts["skipped"] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const parsed = parseLine(raw, i + 1);
    if (parsed === null) return;
    if ("skip" in parsed) skipped.push({ line: i + 1, reason: parsed.skip });
    else entries.push(parsed);
  });
  return { path, entries, skipped };
}

/** How OpenSSH names a host in known_hosts: "host" on port 22, "[host]:port" otherwise. */
export function knownHostsName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

function globMatch(pattern: string, name: string): boolean {
  const re = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`).test(name);
}

function hashedMatch(pattern: string, name: string): boolean {
  const [, magic, salt, hash] = pattern.split("|");
  if (magic !== "1" || !salt || !hash) return false;
  return createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64") === hash;
}

/** OpenSSH's rule: no negated pattern may match, and at least one plain pattern must. */
export function patternsMatch(patterns: string[], name: string): boolean {
  let matched = false;
  for (const p of patterns) {
    if (p.startsWith("|")) matched ||= hashedMatch(p, name);
    else if (p.startsWith("!")) {
      if (globMatch(p.slice(1), name)) return false;
    } else matched ||= globMatch(p, name);
  }
  return matched;
}

/** Entries whose host patterns match host:port (revoked ones included, marked). */
export function entriesFor(known: KnownHosts, host: string, port: number): KnownHostEntry[] {
  const name = knownHostsName(host, port);
  return known.entries.filter((e) => patternsMatch(e.patterns, name));
}
