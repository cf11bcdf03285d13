import { describe, expect, it } from "vitest";
import { isInside, parseIsoFacts, readIsoImage } from "./iso-result";

const OUT = "/nix/store/g79s6r3jhb0mimqlbmss726a5zs6vc4k-nixos-24.11.lab-installer-ed3c3e4c42-x86_64-linux.iso";
const FILE = "nixos-24.11.lab-installer-ed3c3e4c42-x86_64-linux.iso";
const ISO = `${OUT}/iso/${FILE}`;
const SUM = "a".repeat(64);

describe("parseIsoFacts", () => {
  it("reads the one image: name, size, sha256", () => {
    expect(parseIsoFacts(`iso\t41948360\t${SUM}\t${ISO}\n`, OUT)).toEqual({
      outPath: OUT,
      isoPath: ISO,
      fileName: FILE,
      size: 41948360,
      sha256: SUM,
    });
  });

  it.each([
    ["nothing", ""],
    ["two images", `iso\t1\t${SUM}\t${ISO}\niso\t1\t${SUM}\t${ISO}\n`],
    ["another output", `iso\t1\t${SUM}\t/nix/store/${"b".repeat(32)}-x/iso/a.iso`],
    ["a path outside iso/", `iso\t1\t${SUM}\t${OUT}/a.iso`],
    ["a traversal", `iso\t1\t${SUM}\t${OUT}/iso/../../../etc/x.iso`],
    ["a bad size", `iso\t-1\t${SUM}\t${ISO}`],
    ["a bad sum", `iso\t1\tXYZ\t${ISO}`],
    ["an extra field", `iso\t1\t${SUM}\t${ISO}\tmore`],
    ["noise", "hello"],
  ])("refuses %s", (_what, out) => {
    expect(() => parseIsoFacts(out, OUT)).toThrow();
  });
});

describe("readIsoImage", () => {
  const image = { outPath: OUT, isoPath: ISO, fileName: FILE, size: 5, sha256: SUM };
  it("reads the image back from a job's result", () => {
    expect(readIsoImage(JSON.stringify({ image, builder: "frame1" }))).toEqual(image);
  });
  it.each([
    ["no JSON", "{"],
    ["no image", "{}"],
    ["null", "null"],
    ["an edited path", JSON.stringify({ image: { ...image, isoPath: "/etc/shadow" } })],
    ["a path of another output", JSON.stringify({ image: { ...image, outPath: `/nix/store/${"c".repeat(32)}-x` } })],
    ["a file name that is not the path's", JSON.stringify({ image: { ...image, fileName: "other.iso" } })],
    ["extra keys", JSON.stringify({ image: { ...image, extra: 1 } })],
  ])("gives null for %s", (_what, json) => {
    expect(readIsoImage(json)).toBeNull();
  });
  it("isInside wants exactly <out>/iso/<file>", () => {
    expect(isInside(OUT, ISO)).toBe(true);
    expect(isInside(OUT.slice(0, -1), ISO)).toBe(false);
    expect(isInside(OUT, `${OUT}/iso/a/b.iso`)).toBe(false);
  });
});
