import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors";
import { createPanelKey, readPanelKey } from "./panel-key";

const fresh = () => mkdtempSync(join(tmpdir(), "panel-key-"));
const mode = (p: string) => statSync(p).mode & 0o777;

describe("the panel's own SSH key", () => {
  it("is created once: ed25519 in OpenSSH format, 0600 in a 0700 folder, as ssh-keygen reads it", async () => {
    const path = join(fresh(), "data", "ssh", "id_ed25519");
    expect((await readPanelKey({ path, configured: false })).problem).toBe("missing");
    const { created, key } = await createPanelKey({ path, configured: false });
    expect(created).toBe(true);
    expect(mode(path)).toBe(0o600);
    expect(mode(join(path, ".."))).toBe(0o700);
    expect(readFileSync(path, "utf8")).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    expect(key.publicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5\S+ homelab-panel@/);
    // OpenSSH derives the same public key and fingerprint from the file.
    expect(execFileSync("ssh-keygen", ["-y", "-f", path], { encoding: "utf8" }).split(" ").slice(0, 2)).toEqual(
      key.publicKey!.split(" ").slice(0, 2),
    );
    expect(execFileSync("ssh-keygen", ["-lf", path], { encoding: "utf8" })).toContain(key.fingerprint!);
    expect(readdirSync(join(path, ".."))).toEqual(["id_ed25519"]); // no temporary file left

    const again = await createPanelKey({ path, configured: false });
    expect(again.created).toBe(false);
    expect(again.key.publicKey).toBe(key.publicKey);
  });

  it("makes its folder 0700 even when it was there, wider, before", async () => {
    const dir = join(fresh(), "ssh");
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    await createPanelKey({ path: join(dir, "id_ed25519"), configured: false });
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, "id_ed25519"))).toBe(0o600);
  });

  it("never replaces an existing key file", async () => {
    const dir = fresh();
    const path = join(dir, "id_ed25519");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "mine", "-f", path]);
    const before = readFileSync(path, "utf8");
    const { created, key } = await createPanelKey({ path, configured: false });
    expect(created).toBe(false);
    expect(readFileSync(path, "utf8")).toBe(before);
    expect(key.publicKey).toMatch(/ mine$/);
  });

  it("never creates a configured key file that is missing, and says what to do", async () => {
    const path = join(fresh(), "configured");
    await expect(createPanelKey({ path, configured: true })).rejects.toThrow(ValidationError);
    await expect(createPanelKey({ path, configured: true })).rejects.toThrow(/SSH_KEY_FILE/);
    expect(() => statSync(path)).toThrow();
  });

  it("reports a file that is not a private key, and leaves it alone", async () => {
    const path = join(fresh(), "id_ed25519");
    writeFileSync(path, "not a key");
    expect((await readPanelKey({ path, configured: true })).problem).toBe("unusable");
    expect((await createPanelKey({ path, configured: false })).created).toBe(false);
    expect(readFileSync(path, "utf8")).toBe("not a key");
  });
});
