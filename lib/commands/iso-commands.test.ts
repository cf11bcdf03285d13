import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  ISO_FACTS_SCRIPT,
  ISO_PRESENCE_SCRIPT,
  isoBuild,
  isoFacts,
  isoPath,
  isoPresence,
  isoRemoveRoot,
  isoRoot,
  isoStoreDelete,
} from "./iso-commands";
import { ISO_PATH } from "./patterns";
import { commandLine } from "./remote-command";
import { HOSTILE, shellWords } from "./shell-echo.test-support";

const ctx = { sshUser: "admin" };
const OUT = "/nix/store/g79s6r3jhb0mimqlbmss726a5zs6vc4k-nixos-24.11.lab-installer-ed3c3e4c42-x86_64-linux.iso";
const ISO = `${OUT}/iso/nixos-24.11.lab-installer-ed3c3e4c42-x86_64-linux.iso`;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const sh = (script: string, args: string[]) => execFileSync("/bin/sh", ["-c", script, "test", ...args], { encoding: "utf8" });

describe("iso commands", () => {
  it("build the isoImage attribute with an out-link at the job's GC root, every word intact", () => {
    const cmd = isoBuild(ctx, { flakeDir: "/home/admin/homelab", attr: "installer-iso", jobId: 42 });
    expect(cmd).toMatchObject({ kind: "iso.build", readOnly: true, cancellable: true, sudo: false });
    expect(cmd.argv.slice(3)).toEqual([
      "build",
      "--json",
      "--log-format",
      "internal-json",
      "-v",
      "--out-link",
      ".local/state/homelab-panel/isos/iso-42",
      "/home/admin/homelab#nixosConfigurations.installer-iso.config.system.build.isoImage",
    ]);
    expect(shellWords(commandLine(cmd))).toEqual(cmd.argv);
  });

  it.each(HOSTILE)("refuse the hostile value %j as attribute, directory, job id or path", (bad) => {
    expect(() => isoBuild(ctx, { flakeDir: "/home/admin/homelab", attr: bad as string, jobId: 1 })).toThrow();
    expect(() => isoBuild(ctx, { flakeDir: bad as string, attr: "installer-iso", jobId: 1 })).toThrow();
    if (typeof bad !== "number") expect(() => isoRoot(bad)).toThrow(/jobId/);
    expect(() => isoPath(bad)).toThrow(/isoPath/);
    expect(() => isoFacts(ctx, bad as string)).toThrow(/outPath/);
    expect(() => isoStoreDelete(ctx, bad as string)).toThrow(/outPath/);
  });

  it("take only images inside a store output's iso/ directory", () => {
    expect(isoPath(ISO)).toBe(ISO);
    for (const bad of [
      `${OUT}/iso/../../etc/passwd.iso`,
      `${OUT}/iso/x.img`,
      `${OUT}/x.iso`,
      `${OUT}/iso/sub/x.iso`,
      `${OUT}/iso/-x.iso`,
      `${OUT}/iso/.iso`,
      `/nix/store/short-x/iso/x.iso`,
      `/etc/iso/x.iso`,
      `${OUT}/iso/x.iso\n`,
      `${OUT}/iso/x y.iso`,
      `${OUT}/iso/x'.iso`,
      ` ${ISO}`,
    ])
      expect(ISO_PATH.test(bad) && !bad.includes(".."), bad).toBe(false);
    expect(() => isoRoot(0)).toThrow();
    expect(() => isoRoot(1.5)).toThrow();
    expect(() => isoRoot("7")).toThrow();
    expect(() => isoRoot(-7)).toThrow();
    expect(isoRoot(7)).toBe(".local/state/homelab-panel/isos/iso-7");
  });

  it("delete removes the GC root (not cancellable) and asks nix to delete the output", () => {
    expect(isoRemoveRoot(ctx, 9).argv).toEqual(["rm", "-f", "--", ".local/state/homelab-panel/isos/iso-9"]);
    expect(isoStoreDelete(ctx, OUT).argv.slice(3)).toEqual(["store", "delete", OUT]);
    expect(isoStoreDelete(ctx, OUT)).toMatchObject({ readOnly: false, cancellable: false });
  });

  it("the facts script prints size and sha256 of the build product inside $1/iso only (real sh, stat, sha256sum)", () => {
    const d = mkdtempSync(join(tmpdir(), "iso-facts-"));
    dirs.push(d);
    mkdirSync(join(d, "iso"));
    mkdirSync(join(d, "nix-support"));
    const content = Buffer.from("chunk 0001\n".repeat(1000));
    writeFileSync(join(d, "iso", "a.iso"), content);
    writeFileSync(
      join(d, "nix-support", "hydra-build-products"),
      `doc manual ${d}/x\nfile iso ${d}/iso/a.iso\nfile iso /etc/passwd\nfile iso ${d}/../escape.iso\n`,
    );
    const out = sh(ISO_FACTS_SCRIPT, [d]);
    const sum = createHash("sha256").update(content).digest("hex");
    // The ../ line passes the shell's case (it starts with $1/iso/? no: $1/../) and is skipped; /etc/passwd too.
    expect(out).toBe(`iso\t${content.length}\t${sum}\t${d}/iso/a.iso\n`);
    expect(() => sh(ISO_FACTS_SCRIPT, [join(d, "missing")])).toThrow();
  });

  it("the presence script says present only for a root that links somewhere and an existing file", () => {
    const d = mkdtempSync(join(tmpdir(), "iso-presence-"));
    dirs.push(d);
    mkdirSync(join(d, "out", "iso"), { recursive: true });
    writeFileSync(join(d, "out", "iso", "a.iso"), "x");
    symlinkSync(join(d, "out"), join(d, "root1"));
    const out = sh(ISO_PRESENCE_SCRIPT, [
      join(d, "root1"),
      join(d, "out/iso/a.iso"),
      join(d, "root2"),
      join(d, "out/iso/a.iso"),
      join(d, "root1"),
      join(d, "out/iso/b.iso"),
    ]);
    expect(out.split("\n")).toEqual([`${d}/root1\t${d}/out\tpresent`, `${d}/root2\t\tgone`, `${d}/root1\t${d}/out\tgone`, ""]);
    const cmd = isoPresence(ctx, [{ jobId: 3, isoPath: ISO }]);
    expect(cmd.argv).toEqual(["sh", "-c", ISO_PRESENCE_SCRIPT, "panel-iso-presence", ".local/state/homelab-panel/isos/iso-3", ISO]);
    expect(() => isoPresence(ctx, [])).toThrow();
    expect(() => isoPresence(ctx, [{ jobId: 3, isoPath: "/etc/passwd" }])).toThrow(/isoPath/);
  });
});
