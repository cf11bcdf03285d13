import { describe, expect, it } from "vitest";
import type { IsoJob } from "./iso-jobs";
import { presenceOf } from "./iso-images";

const job = (jobId: number, outPath: string): IsoJob => ({
  jobId,
  machine: "installer-iso",
  image: { outPath, isoPath: `${outPath}/iso/a.iso`, fileName: "a.iso", size: 1, sha256: "0".repeat(64) },
  builder: "frame1",
  builtAt: null,
  commit: null,
  commitSubject: null,
  dirty: null,
  requestedBy: null,
});
const A = `/nix/store/${"a".repeat(32)}-a`;
const B = `/nix/store/${"b".repeat(32)}-b`;

describe("presenceOf", () => {
  it("present only when the job's root points at its own output and the file is there", () => {
    const out = [
      `.local/state/homelab-panel/isos/iso-1\t${A}\tpresent`,
      `.local/state/homelab-panel/isos/iso-2\t${A}\tpresent`, // the root points elsewhere
      `.local/state/homelab-panel/isos/iso-3\t\tgone`,
      "garbage",
    ].join("\n");
    const p = presenceOf(out, [job(1, A), job(2, B), job(3, A), job(4, A)]);
    expect([...p]).toEqual([
      [1, "present"],
      [2, "gone"],
      [3, "gone"],
      [4, "unknown"],
    ]);
  });
});
