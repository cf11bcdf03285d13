import { describe, expect, it } from "vitest";
import { standInProblem } from "./stand-in";

const inv = [
  { name: "frame1", testFor: null },
  { name: "frame2", testFor: null },
  { name: "frame1-vm", testFor: "frame1" },
];

describe("standInProblem", () => {
  it("accepts no stand-in and an existing production machine", () => {
    expect(standInProblem("frame2", null, inv)).toBeNull();
    expect(standInProblem("frame1-vm", "frame1", inv)).toBeNull();
  });
  it("refuses itself, unknown machines, chains, a second stand-in", () => {
    expect(standInProblem("frame2", "frame2", inv)).toMatch(/its own/);
    expect(standInProblem("frame2", "nope", inv)).toMatch(/No machine named "nope"/);
    expect(standInProblem("frame2", "frame1-vm", inv)).toMatch(/itself the test machine of frame1/);
    expect(standInProblem("frame1", "frame2", inv)).toMatch(/frame1-vm is the test machine of frame1/);
    expect(standInProblem("frame2", "frame1", inv)).toMatch(/already the test machine of frame1/);
  });
  it("refuses a cycle of two", () => {
    const two = [
      { name: "a", testFor: "b" },
      { name: "b", testFor: null },
    ];
    expect(standInProblem("b", "a", two)).toMatch(/itself the test machine of b/);
  });
});
