import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { benchPrint } from "./bench-commands";

const sh = (line: string) => spawnSync("sh", ["-c", line], { encoding: "utf8" });

describe("benchPrint", () => {
  it("prints 1..N at full speed with seq", () => {
    expect(benchPrint(3)).toBe("seq 1 3");
    expect(sh(benchPrint(3)).stdout).toBe("1\n2\n3\n");
  });

  it("paces lines with perl: 50 lines at 1000/s take at least ~40 ms and are all printed", () => {
    const t0 = performance.now();
    const out = sh(benchPrint(50, 1000));
    expect(out.status).toBe(0);
    expect(out.stdout.trim().split("\n")).toEqual(Array.from({ length: 50 }, (_, i) => String(i + 1)));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(40);
  });

  it("refuses anything but a bounded positive integer", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, 1e12]) expect(() => benchPrint(bad)).toThrow(RangeError);
    expect(() => benchPrint(10, 0)).toThrow(RangeError);
  });
});
