import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePathInfo } from "./path-info";

const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name), "utf8");
const WRAPPER = "/nix/store/758wpnzddva1bglmd354yqglw99kvry8-activatable-nixos-system-frame3-24.11.20261126.lab-base";
const TOPLEVEL = "/nix/store/9ds77bs0m8d81vy75f1qspypk4iqsx6p-nixos-system-frame3-24.11.20261126.lab-base";

describe("parsePathInfo (real nix 2.8 output)", () => {
  it("reads a system copied to the weak device as copied (no `ultimate` key)", () => {
    expect(parsePathInfo(fixture("path-info-weak-deployed.json"))).toEqual({
      origins: { [WRAPPER]: "copied", [TOPLEVEL]: "copied" },
      unrecognised: { count: 0, sample: [] },
    });
  });

  it("reads the same paths on the build host as built there (`ultimate: true`)", () => {
    expect(parsePathInfo(fixture("path-info-builder.json")).origins).toEqual({ [WRAPPER]: "built-here", [TOPLEVEL]: "built-here" });
  });

  it("tells a path built in the machine's own store from one copied in, in one answer", () => {
    const { origins } = parsePathInfo(fixture("path-info-weak-gen1.json"));
    expect(origins[TOPLEVEL]).toBe("copied");
    expect(origins["/nix/store/l1pcdqxax1rkqjnv08srsz7f07y0145s-activatable-nixos-system-frame3-24.11.20261126.lab-base"]).toBe(
      "built-here",
    );
  });

  it("reads a path the store does not hold as missing", () => {
    expect(parsePathInfo(fixture("path-info-invalid.json")).origins).toEqual({
      "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-nope": "missing",
    });
  });

  it.each([
    ["", 0],
    ["not json", 1],
    ["{}", 1],
    ["null", 1],
    ['[{"path":"/etc/passwd","narHash":"x"}]', 1],
    ['[{"path":"/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-x"}]', 1],
    ['[{"path":"/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-x","narHash":"h","ultimate":"yes"}]', 1],
    ["[1, null, []]", 3],
  ])("never throws on %j and counts what it could not read", (out, count) => {
    const r = parsePathInfo(out);
    expect(r.origins).toEqual({});
    expect(r.unrecognised.count).toBe(count);
  });
});
