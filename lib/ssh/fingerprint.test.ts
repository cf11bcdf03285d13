import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FINGERPRINT, fingerprintOfKey, fingerprintOfPublicKeyLine, normalizeFingerprint } from "./fingerprint";

describe("fingerprint", () => {
  it.each(["ed25519", "rsa", "ecdsa"])("matches ssh-keygen -lf for a %s key", (type) => {
    const dir = mkdtempSync(join(tmpdir(), "panel-fp-"));
    try {
      const file = join(dir, "key");
      execFileSync("ssh-keygen", ["-q", "-t", type, "-N", "", "-f", file]);
      const printed = execFileSync("ssh-keygen", ["-lf", `${file}.pub`], { encoding: "utf8" }).split(" ")[1];
      const line = readFileSync(`${file}.pub`, "utf8");
      expect(fingerprintOfPublicKeyLine(line)).toBe(printed);
      expect(fingerprintOfKey(Buffer.from(line.split(" ")[1], "base64"))).toBe(printed);
      expect(printed).toMatch(FINGERPRINT);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("normalizes with or without the SHA256: prefix and rejects junk", () => {
    const fp = "SHA256:" + "A".repeat(43);
    expect(normalizeFingerprint(fp)).toBe(fp);
    expect(normalizeFingerprint(` ${"A".repeat(43)} `)).toBe(fp);
    expect(normalizeFingerprint("MD5:aa:bb")).toBeNull();
    expect(normalizeFingerprint(fp + "=")).toBeNull();
  });
});
