// Precedence between the inventory's pin and the known_hosts file, on a real known_hosts file.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HostKeyConflictError, SshConnectError } from "./errors";
import { hostKeyAlgorithms, hostKeyPin, resolveHostKeyPin } from "./host-key-pin";
import { parseKnownHosts } from "./known-hosts";
import type { SshTarget } from "./target";

let dir: string;
let file: string;
const fp: Record<string, string> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "panel-pin-"));
  const lines: string[] = [];
  for (const [name, type, hosts] of [
    ["a", "ed25519", "frame1,10.231.1.2"],
    ["a-rsa", "rsa", "frame1"],
    ["b", "ed25519", "[frame2]:2222"],
    ["old", "ed25519", "@revoked *"],
    ["other", "ed25519", ""],
  ]) {
    const key = join(dir, name);
    execFileSync("ssh-keygen", ["-q", "-t", type, "-N", "", "-f", key]);
    fp[name] = execFileSync("ssh-keygen", ["-lf", `${key}.pub`], { encoding: "utf8" }).split(" ")[1];
    const [t, b64] = readFileSync(`${key}.pub`, "utf8").split(" ");
    if (hosts) lines.push(`${hosts} ${t} ${b64}`);
  }
  file = join(dir, "known_hosts");
  writeFileSync(file, lines.join("\n") + "\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const target = (host: string, port: number, pinned: string | null): SshTarget => ({
  machine: "m",
  host,
  port,
  user: "admin",
  hostKeyFingerprint: pinned,
  privateKeyPath: "/k",
});
const known = () => parseKnownHosts(readFileSync(file, "utf8"), file);

describe("hostKeyPin", () => {
  it("no inventory pin: every key the file lists for host:port, with the file and lines as source", () => {
    const pin = hostKeyPin(target("frame1", 22, null), known());
    expect(pin.accepted.sort()).toEqual([fp.a, fp["a-rsa"]].sort());
    expect(pin.source).toBe(`the known_hosts file ${file} lines 1, 2`);
    expect(pin.keyTypes).toEqual(["ssh-ed25519", "ssh-rsa"]);
    expect(hostKeyPin(target("frame2", 2222, null), known())).toMatchObject({ accepted: [fp.b], keyTypes: ["ssh-ed25519"] });
  });

  it("uses [host]:port for a port other than 22", () => {
    expect(hostKeyPin(target("frame2", 22, null), known()).accepted).toEqual([]);
    expect(hostKeyPin(target("frame1", 2222, null), known()).accepted).toEqual([]);
  });

  it("an inventory pin the file agrees with, or that the file does not mention, wins alone", () => {
    expect(hostKeyPin(target("frame1", 22, fp["a-rsa"]), known())).toEqual({ accepted: [fp["a-rsa"]], source: null, keyTypes: null });
    expect(hostKeyPin(target("nas", 22, fp.other), known())).toEqual({ accepted: [fp.other], source: null, keyTypes: null });
  });

  it("an inventory pin the file contradicts is a conflict naming both", () => {
    const err = (() => {
      try {
        hostKeyPin(target("10.231.1.2", 22, fp.other), known());
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(HostKeyConflictError);
    expect((err as Error).message).toContain(`the inventory pins ${fp.other}`);
    expect((err as Error).message).toContain(`${file} line 1 lists ${fp.a}`);
    expect((err as HostKeyConflictError).code).toBe("ssh_host_key_conflict");
  });

  it("a pin the file marks @revoked is a conflict; a revoked key is never accepted from the file", () => {
    expect(() => hostKeyPin(target("anything", 22, fp.old), known())).toThrow(/line 4 marks it @revoked/);
    expect(hostKeyPin(target("anything", 22, null), known()).accepted).toEqual([]);
  });

  it("neither pinned nor listed: nothing accepted; no file configured: the inventory alone", () => {
    expect(hostKeyPin(target("nas", 22, null), known())).toEqual({ accepted: [], source: null, keyTypes: null });
    expect(hostKeyPin(target("frame1", 22, fp.other), null)).toEqual({ accepted: [fp.other], source: null, keyTypes: null });
  });
});

describe("resolveHostKeyPin", () => {
  it("reads the file each time it is asked", async () => {
    expect((await resolveHostKeyPin(target("frame2", 2222, null), file)).accepted).toEqual([fp.b]);
    expect((await resolveHostKeyPin(target("frame2", 2222, null), null)).accepted).toEqual([]);
  });

  it("a configured file that cannot be read refuses the connection (not transient)", async () => {
    const missing = join(dir, "nope");
    await expect(resolveHostKeyPin(target("frame1", 22, fp.a), missing)).rejects.toThrow(
      new SshConnectError("frame1", 22, `cannot read the known_hosts file ${missing} (ENOENT)`, false),
    );
  });
});

describe("hostKeyAlgorithms", () => {
  it("negotiates only the file's key types, in ssh2's preference order", () => {
    expect(hostKeyAlgorithms(["ssh-rsa", "ssh-ed25519"])).toEqual(["ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"]);
    expect(hostKeyAlgorithms(["sk-ssh-ed25519@openssh.com"])).toEqual([]);
  });
});
