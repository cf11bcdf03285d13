// filePinOf on a real known_hosts file: the view the machine page shows.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filePinOf } from "./known-hosts-view";

let dir: string;
let file: string;
let fp: string;
const other = "SHA256:" + "B".repeat(43);
const machine = (hostKeyFingerprint: string | null, sshHost: string | null = "frame2", sshPort = 22) => ({
  name: "frame2",
  sshHost,
  sshPort,
  hostKeyFingerprint,
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "panel-kh-view-"));
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "k")]);
  fp = execFileSync("ssh-keygen", ["-lf", join(dir, "k.pub")], { encoding: "utf8" }).split(" ")[1];
  file = join(dir, "known_hosts");
  writeFileSync(file, `frame2,10.231.2.2 ${readFileSync(join(dir, "k.pub"), "utf8")}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("filePinOf", () => {
  it("pinned by the file when the inventory has no key", async () => {
    expect(await filePinOf(machine(null), file)).toEqual({
      kind: "pinned",
      fingerprints: [fp],
      source: `the known_hosts file ${file} line 1`,
    });
  });
  it("nothing to add when the inventory agrees, the host is not listed, or no file is configured", async () => {
    expect(await filePinOf(machine(fp), file)).toBeNull();
    expect(await filePinOf(machine(null, "frame1"), file)).toBeNull();
    expect(await filePinOf(machine(null, "frame2", 2222), file)).toBeNull();
    expect(await filePinOf(machine(null), null)).toBeNull();
  });
  it("a conflict or an unreadable file is reported, not thrown", async () => {
    const conflict = await filePinOf(machine(other), file);
    expect(conflict).toMatchObject({ kind: "conflict" });
    expect(conflict && "message" in conflict && conflict.message).toContain(`the inventory pins ${other}`);
    expect(await filePinOf(machine(null), join(dir, "missing"))).toMatchObject({
      kind: "error",
      message: expect.stringContaining("ENOENT"),
    });
  });
});
