// The known_hosts parser against real keys and OpenSSH's own matching (ssh-keygen -F).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entriesFor, knownHostsName, parseKnownHosts, type KnownHosts } from "./known-hosts";

let dir: string;
const keys: Record<string, { line: string; fp: string }> = {};

function makeKey(name: string, type: string) {
  const file = join(dir, name);
  execFileSync("ssh-keygen", ["-q", "-t", type, "-N", "", "-C", name, "-f", file]);
  const pub = readFileSync(`${file}.pub`, "utf8").trim().split(" ");
  const fp = execFileSync("ssh-keygen", ["-lf", `${file}.pub`], { encoding: "utf8" }).split(" ")[1];
  keys[name] = { line: `${pub[0]} ${pub[1]}`, fp };
}

/** Fingerprints OpenSSH itself finds for `name` in `file` (ssh-keygen -F prints matching lines). */
function opensshLookup(file: string, name: string): string[] {
  try {
    const out = execFileSync("ssh-keygen", ["-l", "-F", name, "-f", file], { encoding: "utf8" });
    return [...out.matchAll(/SHA256:[A-Za-z0-9+/]{43}/g)].map((m) => m[0]).sort();
  } catch {
    return []; // exit 1: not found
  }
}
const ours = (k: KnownHosts, host: string, port: number) =>
  entriesFor(k, host, port)
    .map((e) => e.fingerprint)
    .sort();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "panel-known-hosts-"));
  makeKey("frame1", "ed25519");
  makeKey("frame1rsa", "rsa");
  makeKey("frame2", "ecdsa");
  makeKey("lan", "ed25519");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function plainFile(): string {
  const file = join(dir, "known_hosts");
  writeFileSync(
    file,
    [
      "# comment",
      "",
      `frame1,10.231.1.2 ${keys.frame1.line}`,
      `frame1 ${keys.frame1rsa.line} second key of frame1`,
      `[frame2]:2222,[10.231.2.2]:2222 ${keys.frame2.line}`,
      `*.lan,!evil.lan ${keys.lan.line}`,
    ].join("\n") + "\n",
  );
  return file;
}

describe("parseKnownHosts", () => {
  it("reads real entries with their line numbers and ssh-keygen's fingerprints", () => {
    const k = parseKnownHosts(readFileSync(plainFile(), "utf8"), "kh");
    expect(k.skipped).toEqual([]);
    expect(k.entries.map((e) => [e.line, e.keyType, e.fingerprint])).toEqual([
      [3, "ssh-ed25519", keys.frame1.fp],
      [4, "ssh-rsa", keys.frame1rsa.fp],
      [5, "ecdsa-sha2-nistp256", keys.frame2.fp],
      [6, "ssh-ed25519", keys.lan.fp],
    ]);
  });

  it.each([
    ["frame1", 22, 2],
    ["FRAME1", 22, 2],
    ["10.231.1.2", 22, 1],
    ["frame1", 2222, 0],
    ["frame2", 22, 0],
    ["frame2", 2222, 1],
    ["10.231.2.2", 2222, 1],
    ["nas.lan", 22, 1],
    ["evil.lan", 22, 0],
    ["lan", 22, 0],
  ])("matches %s port %i exactly as OpenSSH does (%i keys)", (host, port, count) => {
    const file = plainFile();
    const k = parseKnownHosts(readFileSync(file, "utf8"));
    expect(ours(k, host, port)).toHaveLength(count);
    expect(ours(k, host, port)).toEqual(opensshLookup(file, knownHostsName(host, port).toLowerCase()));
  });

  it("matches hashed entries (ssh-keygen -H) like the plain ones", () => {
    const file = plainFile();
    execFileSync("ssh-keygen", ["-q", "-H", "-f", file]);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/^\|1\|/m);
    expect(text).not.toContain("frame1,");
    const k = parseKnownHosts(text);
    expect(ours(k, "frame1", 22)).toEqual([keys.frame1.fp, keys.frame1rsa.fp].sort());
    expect(ours(k, "10.231.2.2", 2222)).toEqual([keys.frame2.fp]);
    expect(ours(k, "frame2", 22)).toEqual([]);
    for (const [host, port] of [
      ["frame1", 22],
      ["10.231.1.2", 22],
      ["frame2", 2222],
    ] as const)
      expect(ours(k, host, port)).toEqual(opensshLookup(file, knownHostsName(host, port)));
  });

  it("marks @revoked entries, skips @cert-authority and malformed lines with a reason", () => {
    const text = [
      `@revoked * ${keys.frame1rsa.line}`,
      `@cert-authority *.lan ${keys.lan.line}`,
      `frame1 ssh-ed25519`,
      `frame1 ssh-ed25519 not*base64`,
      `frame1 ssh-rsa ${keys.frame1.line.split(" ")[1]}`,
      `frame1 ${keys.frame1.line}`,
    ].join("\n");
    const k = parseKnownHosts(text, "kh");
    expect(k.entries.map((e) => [e.line, e.revoked, e.fingerprint])).toEqual([
      [1, true, keys.frame1rsa.fp],
      [6, false, keys.frame1.fp],
    ]);
    expect(k.skipped.map((s) => s.line)).toEqual([2, 3, 4, 5]);
    expect(k.skipped[3].reason).toBe("the key is not a ssh-rsa key");
  });
});
