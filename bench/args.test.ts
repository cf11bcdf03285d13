import { describe, expect, it } from "vitest";
import { HOMEPAGE_STATUSES, parseBenchArgs } from "./args";

describe("parseBenchArgs", () => {
  it("no arguments: no comparison", () => {
    expect(parseBenchArgs([])).toEqual({ compare: null, compareStatuses: HOMEPAGE_STATUSES });
  });

  it("--compare takes an http(s) URL, as the next argument or after =", () => {
    expect(parseBenchArgs(["--compare", "http://127.0.0.1:3010/"]).compare?.href).toBe("http://127.0.0.1:3010/");
    expect(parseBenchArgs(["--compare=https://home.example/x?y=1"]).compare?.href).toBe("https://home.example/x?y=1");
    expect(parseBenchArgs(["--compare", "http://h/", "--compare-statuses", ".up"]).compareStatuses).toBe(".up");
  });

  it("refuses what it cannot use, naming it", () => {
    expect(() => parseBenchArgs(["--compare"])).toThrow("--compare needs a value");
    expect(() => parseBenchArgs(["--compare", "file:///etc/passwd"])).toThrow("--compare needs an http(s) URL");
    expect(() => parseBenchArgs(["--compare", "not a url"])).toThrow("--compare needs an http(s) URL");
    expect(() => parseBenchArgs(["--compare-statuses", "  "])).toThrow("--compare-statuses needs a CSS selector");
    expect(() => parseBenchArgs(["--fast"])).toThrow('unknown argument "--fast"');
  });
});
